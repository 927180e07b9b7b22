/* converc-client.h
 *
 * Copyright 2026 Converc Webhooks contributors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */


#define G_LOG_DOMAIN "test-client"

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "converc-client.h"
#include "converc-emulator.h"
#include "converc-error.h"
#include "converc-signature.h"

#include "converc-test-utils.h"

/* Distinctive keys, so that a leak into any message is easy to find. */
#define API_KEY   "ck_live_SECRETKEY_4242_do_not_print"
#define WRONG_KEY "ck_live_WRONGKEY_9999_do_not_print"
#define WAIT      20  /* seconds before a test gives up waiting */

typedef struct
{
  ConvercEmulator *emulator;
  ConvercClient   *client;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->emulator = converc_emulator_new (API_KEY);
  g_assert_true (converc_emulator_start (f->emulator, 0, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (converc_emulator_get_base_url (f->emulator), "http://127.0.0.1:"));
  f->client = converc_client_new (converc_emulator_get_base_url (f->emulator), API_KEY);
  g_assert_true (CONVERC_IS_CLIENT (f->client));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->client);
  converc_emulator_stop (f->emulator);
  g_clear_object (&f->emulator);
  /* let pending sources finish */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
assert_no_key (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (strstr (error->message, API_KEY) != NULL || strstr (error->message, WRONG_KEY) != NULL ||
      strstr (error->message, "SECRETKEY") != NULL || strstr (error->message, "WRONGKEY") != NULL)
    g_error ("an error message shows the API key: %s", error->message);
}

/* Synchronous wrappers over the async API, iterating the main context. */

static GPtrArray *
list_webhooks (ConvercClient  *client,
               GCancellable   *cancellable,
               GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  converc_client_list_webhooks_async (client, cancellable, converc_test_store_result_cb, &result);
  converc_test_wait_for_result (&result, WAIT);
  return converc_client_list_webhooks_finish (client, result, error);
}

static ConvercWebhook *
create_webhook (ConvercClient       *client,
                const char          *url,
                const char * const  *events,
                char               **secret,
                GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  converc_client_create_webhook_async (client, url, events, NULL,
                                       converc_test_store_result_cb, &result);
  converc_test_wait_for_result (&result, WAIT);
  return converc_client_create_webhook_finish (client, result, secret, error);
}

static gboolean
disable_webhook (ConvercClient  *client,
                 const char     *id,
                 GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  converc_client_disable_webhook_async (client, id, NULL, converc_test_store_result_cb, &result);
  converc_test_wait_for_result (&result, WAIT);
  return converc_client_disable_webhook_finish (client, result, error);
}

static ConvercTestResult *
test_webhook (ConvercClient  *client,
              const char     *id,
              GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  converc_client_test_webhook_async (client, id, NULL, converc_test_store_result_cb, &result);
  converc_test_wait_for_result (&result, WAIT);
  return converc_client_test_webhook_finish (client, result, error);
}

static GPtrArray *
list_events (ConvercClient  *client,
             const char     *type,
             guint           display,
             guint          *n_skipped,
             char          **first_problem,
             GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  converc_client_list_events_async (client, type, display, NULL,
                                    converc_test_store_result_cb, &result);
  converc_test_wait_for_result (&result, WAIT);
  return converc_client_list_events_finish (client, result, n_skipped, first_problem, error);
}

static ConvercWebhook *
find_webhook (GPtrArray  *list,
              const char *id)
{
  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (converc_webhook_get_id (g_ptr_array_index (list, i)), id) == 0)
      return g_ptr_array_index (list, i);
  return NULL;
}

/* A receiving URL: a SoupServer in the test that records deliveries. */

typedef struct
{
  SoupServer *server;
  char       *url;
  guint       status;    /* what to answer */
  guint       n_received;
  char       *signature;
  char       *event_type;
  char       *event_id;
  GBytes     *body;
} Receiver;

static void
receiver_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  Receiver *r = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) flat = soup_message_body_flatten (body);

  r->n_received++;
  g_free (r->signature);
  r->signature = g_strdup (soup_message_headers_get_one (headers, "X-IC-Signature"));
  g_free (r->event_type);
  r->event_type = g_strdup (soup_message_headers_get_one (headers, "X-IC-Event"));
  g_free (r->event_id);
  r->event_id = g_strdup (soup_message_headers_get_one (headers, "X-IC-Id"));
  g_clear_pointer (&r->body, g_bytes_unref);
  r->body = g_bytes_ref (flat);

  soup_server_message_set_status (msg, r->status, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "ok", 2);
}

static Receiver *
receiver_new (guint status)
{
  Receiver *r = g_new0 (Receiver, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  r->status = status;
  r->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (r->server, "/", receiver_cb, r, NULL);
  soup_server_listen_local (r->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (r->server);
  g_assert_nonnull (uris);
  r->url = g_strdup_printf ("http://127.0.0.1:%d/hook", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return r;
}

static void
receiver_free (Receiver *r)
{
  soup_server_disconnect (r->server);
  g_object_unref (r->server);
  g_free (r->url);
  g_free (r->signature);
  g_free (r->event_type);
  g_free (r->event_id);
  g_clear_pointer (&r->body, g_bytes_unref);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Receiver, receiver_free)

/* ------------------------------------------------------------ tests */

static void
test_client_properties (void)
{
  g_autoptr(ConvercClient) client = converc_client_new ("https://api.converc.com", "k");
  g_autoptr(ConvercClient) no_key = converc_client_new ("https://api.converc.com", NULL);

  g_assert_cmpstr (converc_client_get_base_url (client), ==, "https://api.converc.com");
  g_assert_true (converc_client_has_api_key (client));
  g_assert_false (converc_client_has_api_key (no_key));
  converc_client_set_api_key (client, NULL);
  g_assert_false (converc_client_has_api_key (client));
  converc_client_set_api_key (client, "");
  g_assert_false (converc_client_has_api_key (client));
  converc_client_set_api_key (client, "again");
  g_assert_true (converc_client_has_api_key (client));
  converc_client_set_base_url (client, "https://staging.converc.com");
  g_assert_cmpstr (converc_client_get_base_url (client), ==, "https://staging.converc.com");
  g_assert_cmpint (converc_client_get_retry_after (client), ==, -1);
}

static void
test_client_list (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  /* empty at first */
  list = list_webhooks (f->client, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (list);
  g_assert_cmpuint (list->len, ==, converc_emulator_get_n_webhooks (f->emulator));
  g_clear_pointer (&list, g_ptr_array_unref);

  converc_emulator_seed (f->emulator, 10, 1);
  g_assert_cmpuint (converc_emulator_get_n_webhooks (f->emulator), >, 0);
  list = list_webhooks (f->client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, converc_emulator_get_n_webhooks (f->emulator));
  for (guint i = 0; i < list->len; i++)
    {
      ConvercWebhook *wh = g_ptr_array_index (list, i);

      g_assert_true (CONVERC_IS_WEBHOOK (wh));
      g_assert_nonnull (converc_webhook_get_id (wh));
      g_assert_cmpstr (converc_webhook_get_id (wh), !=, "");
      g_assert_nonnull (converc_webhook_get_url (wh));
    }
}

static void
test_client_trailing_slash (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *base = g_strconcat (converc_emulator_get_base_url (f->emulator), "/", NULL);
  g_autoptr(ConvercClient) client = converc_client_new (base, API_KEY);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  /* "https://api.converc.com/" as pasted by a user works too */
  converc_emulator_seed (f->emulator, 0, 1);
  list = list_webhooks (client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, converc_emulator_get_n_webhooks (f->emulator));
}

static void
test_client_create (Fixture       *f,
                    gconstpointer  data)
{
  const char * const events[] = { "call.ended", "call.missed", NULL };
  g_autoptr(ConvercWebhook) wh = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  guint before = converc_emulator_get_n_webhooks (f->emulator);
  const char * const *got;

  wh = create_webhook (f->client, "https://hooks.example.com/converc", events, &secret, &error);
  g_assert_no_error (error);
  g_assert_nonnull (wh);
  g_assert_nonnull (converc_webhook_get_id (wh));
  g_assert_cmpstr (converc_webhook_get_url (wh), ==, "https://hooks.example.com/converc");
  got = converc_webhook_get_events (wh);
  g_assert_cmpuint (g_strv_length ((GStrv) got), ==, 2);
  g_assert_true (g_strv_contains (got, "call.ended"));
  g_assert_true (g_strv_contains (got, "call.missed"));
  g_assert_false (converc_webhook_get_all_events (wh));
  g_assert_true (converc_webhook_get_is_active (wh));

  /* the secret, once, and the one the server signs with */
  g_assert_nonnull (secret);
  g_assert_cmpstr (secret, !=, "");
  g_assert_cmpstr (secret, ==, converc_emulator_get_secret (f->emulator, converc_webhook_get_id (wh)));
  g_assert_cmpuint (converc_emulator_get_n_webhooks (f->emulator), ==, before + 1);

  list = list_webhooks (f->client, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (find_webhook (list, converc_webhook_get_id (wh)));
}

static void
test_client_create_all_events (Fixture       *f,
                               gconstpointer  data)
{
  const char * const none[] = { NULL };
  g_autoptr(GError) error = NULL;

    {
      g_autoptr(ConvercWebhook) wh = NULL;
      g_autofree char *secret = NULL;

      wh = create_webhook (f->client, "https://a.example.com/all", NULL, &secret, &error);
      g_assert_no_error (error);
      g_assert_true (converc_webhook_get_all_events (wh));
      g_assert_nonnull (secret);
    }

    {
      g_autoptr(ConvercWebhook) wh = NULL;
      g_autofree char *secret = NULL;

      wh = create_webhook (f->client, "https://b.example.com/all", none, &secret, &error);
      g_assert_no_error (error);
      g_assert_true (converc_webhook_get_all_events (wh));
    }
}

static void
test_client_create_invalid_url (Fixture       *f,
                                gconstpointer  data)
{
  static const char * const urls[] = {
    "ftp://hooks.example.com/x",
    "http://hooks.example.com/x",
    "hooks.example.com/x",
    "",
    "https://",
    "javascript:alert(1)",
  };
  guint requests = converc_emulator_get_n_requests (f->emulator);

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(ConvercWebhook) wh = NULL;
      g_autoptr(GError) error = NULL;
      char *secret = NULL;

      g_test_message ("\"%s\"", urls[i]);
      wh = create_webhook (f->client, urls[i], NULL, &secret, &error);
      g_assert_null (wh);
      g_assert_null (secret);
      g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT);
      assert_no_key (error);
    }

  /* refused before anything was sent */
  g_assert_cmpuint (converc_emulator_get_n_requests (f->emulator), ==, requests);
}

static void
test_client_disable (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(ConvercWebhook) wh = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  ConvercWebhook *listed;

  wh = create_webhook (f->client, "https://hooks.example.com/off", NULL, &secret, &error);
  g_assert_no_error (error);

  g_assert_true (disable_webhook (f->client, converc_webhook_get_id (wh), &error));
  g_assert_no_error (error);

  list = list_webhooks (f->client, NULL, &error);
  g_assert_no_error (error);
  listed = find_webhook (list, converc_webhook_get_id (wh));
  /* DELETE disables: listed as inactive, or gone */
  if (listed != NULL)
    g_assert_false (converc_webhook_get_is_active (listed));
}

static void
test_client_disable_unknown (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (disable_webhook (f->client, "wh_does_not_exist", &error));
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_NOT_FOUND);
  assert_no_key (error);
}

static void
test_client_disable_odd_ids (Fixture       *f,
                             gconstpointer  data)
{
  static const char * const ids[] = { "../webhooks", "wh_1/../../events", "wh 1", "wh?x=1", "%2e%2e", "" };
  g_autoptr(ConvercWebhook) wh = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;

  wh = create_webhook (f->client, "https://hooks.example.com/stay", NULL, &secret, &error);
  g_assert_no_error (error);

  /* An id never escapes its path segment: these fail, nothing is disabled */
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_test_message ("id \"%s\"", ids[i]);
      g_assert_false (disable_webhook (f->client, ids[i], &error));
      g_assert_nonnull (error);
      g_assert_true (g_error_matches (error, CONVERC_ERROR, CONVERC_ERROR_NOT_FOUND) ||
                     g_error_matches (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT) ||
                     g_error_matches (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_REQUEST));
      g_clear_error (&error);
    }

  list = list_webhooks (f->client, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (converc_webhook_get_is_active (find_webhook (list, converc_webhook_get_id (wh))));
}

static void
test_client_test_delivery (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(Receiver) receiver = receiver_new (200);
  g_autoptr(ConvercWebhook) wh = NULL;
  g_autoptr(ConvercTestResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  gsize len;
  const guint8 *body;

  wh = create_webhook (f->client, receiver->url, NULL, &secret, &error);
  g_assert_no_error (error);

  result = test_webhook (f->client, converc_webhook_get_id (wh), &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_true (result->ok);
  g_assert_cmpint (result->status, ==, 200);
  g_assert_null (result->error);

  /* The receiver got one signed delivery */
  g_assert_cmpuint (receiver->n_received, ==, 1);
  g_assert_cmpstr (receiver->event_type, ==, "webhook.test");
  g_assert_nonnull (receiver->event_id);
  g_assert_nonnull (receiver->signature);
  body = g_bytes_get_data (receiver->body, &len);
  g_assert_true (converc_signature_verify (secret, receiver->signature, body, len,
                                           g_get_real_time () / G_USEC_PER_SEC,
                                           CONVERC_SIGNATURE_DEFAULT_TOLERANCE, &error));
  g_assert_no_error (error);

  /* and its body is the event the headers name */
    {
      g_autoptr(ConvercEvent) event = converc_parse_event (receiver->body, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (converc_event_get_id (event), ==, receiver->event_id);
      g_assert_cmpstr (converc_event_get_event_type (event), ==, "webhook.test");
    }
}

static void
test_client_test_delivery_500 (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(Receiver) receiver = receiver_new (500);
  g_autoptr(ConvercWebhook) wh = NULL;
  g_autoptr(ConvercTestResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;

  wh = create_webhook (f->client, receiver->url, NULL, &secret, &error);
  g_assert_no_error (error);

  /* The API call itself succeeds and reports what the receiver answered */
  result = test_webhook (f->client, converc_webhook_get_id (wh), &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpint (result->status, ==, 500);
  g_assert_cmpuint (receiver->n_received, ==, 1);
}

static void
test_client_test_delivery_unreachable (Fixture       *f,
                                       gconstpointer  data)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/hook", converc_test_get_unused_port ());
  g_autoptr(ConvercWebhook) wh = NULL;
  g_autoptr(ConvercTestResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;

  wh = create_webhook (f->client, url, NULL, &secret, &error);
  g_assert_no_error (error);

  result = test_webhook (f->client, converc_webhook_get_id (wh), &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpint (result->status, ==, 0);
  g_assert_nonnull (result->error);
  g_assert_cmpstr (result->error, !=, "");
}

static void
test_client_test_unknown (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(ConvercTestResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = test_webhook (f->client, "wh_nope", &error);
  g_assert_null (result);
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_NOT_FOUND);
}

static void
test_client_events (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) ended = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  guint n_skipped = 99;
  guint n_ended = 0;

  converc_emulator_seed (f->emulator, 60, 7);

  /* display 0: the server's default count */
  all = list_events (f->client, NULL, 0, &n_skipped, &problem, &error);
  g_assert_no_error (error);
  g_assert_nonnull (all);
  g_assert_cmpuint (all->len, >, 0);
  g_assert_cmpuint (all->len, <=, 60);
  g_clear_pointer (&all, g_ptr_array_unref);

  all = list_events (f->client, NULL, 60, &n_skipped, &problem, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 60);
  g_assert_cmpuint (n_skipped, ==, 0);
  g_assert_null (problem);

  for (guint i = 0; i < all->len; i++)
    {
      ConvercEvent *event = g_ptr_array_index (all, i);

      g_assert_true (CONVERC_IS_EVENT (event));
      g_assert_nonnull (converc_event_get_id (event));
      g_assert_nonnull (converc_event_get_raw (event));
      if (g_strcmp0 (converc_event_get_event_type (event), "call.ended") == 0)
        n_ended++;
    }
  g_assert_cmpuint (n_ended, >=, 3);

  /* filtered by type, and no more than asked */
  ended = list_events (f->client, "call.ended", 3, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ended->len, ==, 3);
  for (guint i = 0; i < ended->len; i++)
    g_assert_cmpstr (converc_event_get_event_type (g_ptr_array_index (ended, i)), ==, "call.ended");
}

static void
test_client_events_type_escaped (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;

  converc_emulator_seed (f->emulator, 40, 3);

  /* The type is one query value: it cannot add parameters */
  events = list_events (f->client, "call.ended&display=1", 0, NULL, NULL, &error);
  if (events == NULL)
    g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT);
  else
    g_assert_cmpuint (events->len, ==, 0);
}

static void
test_client_events_raw (Fixture       *f,
                        gconstpointer  data)
{
  const char *odd = "{ \"id\" : \"evt_odd\",\n\t\"type\": \"call.event\", \"n\": 1.50, \"s\": \"\\u00e9 ] \\\"\" }";
  const char *plain = "{\"id\":\"evt_plain\",\"type\":\"call.ended\",\"createdAt\":\"2024-01-01T00: 00: 0002\"}";
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  guint n_skipped = 0;
  gboolean seen_odd = FALSE;
  gboolean seen_plain = FALSE;

  converc_emulator_add_raw_event (f->emulator, odd);
  converc_emulator_add_raw_event (f->emulator, "42");
  converc_emulator_add_raw_event (f->emulator, plain);

  events = list_events (f->client, NULL, 0, &n_skipped, &problem, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpuint (n_skipped, ==, 1);
  g_assert_nonnull (problem);

  for (guint i = 0; i < events->len; i++)
    {
      ConvercEvent *event = g_ptr_array_index (events, i);
      GBytes *raw = converc_event_get_raw (event);
      const char *expected = NULL;

      if (g_strcmp0 (converc_event_get_id (event), "evt_odd") == 0)
        {
          expected = odd;
          seen_odd = TRUE;
          /* unknown types are kept */
          g_assert_cmpstr (converc_event_get_event_type (event), ==, "call.event");
        }
      else if (g_strcmp0 (converc_event_get_id (event), "evt_plain") == 0)
        {
          expected = plain;
          seen_plain = TRUE;
          g_assert_cmpint (converc_event_get_created_unix (event), ==, G_GINT64_CONSTANT (1704067200));
        }
      g_assert_nonnull (expected);
      /* exact bytes over real HTTP */
      g_assert_cmpmem (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw), expected, strlen (expected));
    }
  g_assert_true (seen_odd && seen_plain);
}

static void
test_client_error_unauthorized (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(ConvercClient) client = converc_client_new (converc_emulator_get_base_url (f->emulator), WRONG_KEY);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  list = list_webhooks (client, NULL, &error);
  g_assert_null (list);
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_UNAUTHORIZED);
  assert_no_key (error);
  g_test_message ("%s", error->message);
  /* the emulator's own words */
  g_assert_nonnull (strstr (error->message, "Invalid API key"));
}

static void
test_client_error_key_echoed (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  /* A server that echoes the key in its error text */
  converc_emulator_set_forced_status (f->emulator, 401,
                                      "{\"error\": \"key " API_KEY " is revoked\"}");
  list = list_webhooks (f->client, NULL, &error);
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_UNAUTHORIZED);
  assert_no_key (error);
  g_assert_nonnull (strstr (error->message, "is revoked"));
}

static void
test_client_error_no_key (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(ConvercClient) client = converc_client_new (converc_emulator_get_base_url (f->emulator), NULL);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  guint requests = converc_emulator_get_n_requests (f->emulator);

  list = list_webhooks (client, NULL, &error);
  g_assert_null (list);
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_NO_API_KEY);
  g_assert_cmpuint (converc_emulator_get_n_requests (f->emulator), ==, requests);
}

static void
test_client_error_status (Fixture       *f,
                          gconstpointer  data)
{
  struct {
    guint       status;
    const char *body;
    int         code;
    const char *server_text;
  } cases[] = {
    { 403, NULL, CONVERC_ERROR_FORBIDDEN, NULL },
    { 403, "{\"message\": \"Scope webhooks:write missing\"}", CONVERC_ERROR_FORBIDDEN, "Scope webhooks:write missing" },
    { 404, NULL, CONVERC_ERROR_NOT_FOUND, NULL },
    { 400, "{\"error\": \"url is required\"}", CONVERC_ERROR_INVALID_REQUEST, "url is required" },
    { 409, "{\"error\": \"URL already registered\"}", CONVERC_ERROR_INVALID_REQUEST, "URL already registered" },
    { 422, "{\"error\": {\"message\": \"events[0] is not a known type\"}}", CONVERC_ERROR_INVALID_REQUEST, "events[0] is not a known type" },
    { 500, "{\"error\": \"database on fire\"}", CONVERC_ERROR_SERVER, "database on fire" },
    { 502, "<html><body><h1>502 Bad Gateway</h1></body></html>", CONVERC_ERROR_SERVER, "Bad Gateway" },
    { 503, "upstream unavailable, retry later", CONVERC_ERROR_SERVER, "upstream unavailable" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) list = NULL;
      g_autoptr(GPtrArray) events = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *status = g_strdup_printf ("%u", cases[i].status);

      g_test_message ("%u %s", cases[i].status, cases[i].body ? cases[i].body : "(default body)");
      converc_emulator_set_forced_status (f->emulator, cases[i].status, cases[i].body);

      list = list_webhooks (f->client, NULL, &error);
      g_assert_null (list);
      g_assert_error (error, CONVERC_ERROR, cases[i].code);
      assert_no_key (error);
      g_assert_nonnull (strstr (error->message, status));
      if (cases[i].server_text != NULL)
        g_assert_nonnull (strstr (error->message, cases[i].server_text));
      g_clear_error (&error);

      /* same for the events endpoint */
      events = list_events (f->client, NULL, 0, NULL, NULL, &error);
      g_assert_null (events);
      g_assert_error (error, CONVERC_ERROR, cases[i].code);
      assert_no_key (error);
    }
}

static void
test_client_error_rate_limited (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  converc_emulator_set_rate_limited (f->emulator, TRUE, "7");
  list = list_webhooks (f->client, NULL, &error);
  g_assert_null (list);
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_RATE_LIMITED);
  assert_no_key (error);
  g_assert_cmpint (converc_client_get_retry_after (f->client), ==, 7);
  g_clear_error (&error);

  /* without a Retry-After header */
  converc_emulator_set_rate_limited (f->emulator, TRUE, NULL);
  list = list_webhooks (f->client, NULL, &error);
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_RATE_LIMITED);
  g_assert_cmpint (converc_client_get_retry_after (f->client), ==, -1);
  g_clear_error (&error);

  /* an HTTP-date in the future: some seconds, at most the distance */
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 120);
      g_autofree char *date = g_date_time_format (later, "%a, %d %b %Y %H:%M:%S GMT");
      gint64 wait;

      converc_emulator_set_rate_limited (f->emulator, TRUE, date);
      list = list_webhooks (f->client, NULL, &error);
      g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_RATE_LIMITED);
      wait = converc_client_get_retry_after (f->client);
      g_assert_cmpint (wait, >=, 100);
      g_assert_cmpint (wait, <=, 120);
    }
}

static void
test_client_error_malformed (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(ConvercWebhook) wh = NULL;
  g_autoptr(GError) error = NULL;
  char *secret = NULL;

  converc_emulator_seed (f->emulator, 10, 2);
  converc_emulator_set_malformed (f->emulator, TRUE);

  list = list_webhooks (f->client, NULL, &error);
  g_assert_null (list);
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE);
  assert_no_key (error);
  g_clear_error (&error);

  events = list_events (f->client, NULL, 0, NULL, NULL, &error);
  if (events != NULL)
    {
      /* a garbled list may still hold readable events; never silently */
      g_test_message ("malformed events body gave %u events", events->len);
      g_assert_not_reached ();
    }
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  wh = create_webhook (f->client, "https://hooks.example.com/m", NULL, &secret, &error);
  g_assert_null (wh);
  g_assert_null (secret);
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_RESPONSE);
}

static void
test_client_error_too_large (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;

  converc_emulator_seed (f->emulator, 50, 2);
  converc_client_set_max_body_size (f->client, 1024);
  events = list_events (f->client, NULL, 0, NULL, NULL, &error);
  g_assert_null (events);
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_TOO_LARGE);
  assert_no_key (error);
}

static void
test_client_error_refused (void)
{
  g_autofree char *base = g_strdup_printf ("http://127.0.0.1:%u", converc_test_get_unused_port ());
  g_autoptr(ConvercClient) client = converc_client_new (base, API_KEY);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  list = list_webhooks (client, NULL, &error);
  g_assert_null (list);
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_NETWORK);
  assert_no_key (error);
}

static void
test_client_error_timeout (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;
  gint64 elapsed;

  converc_emulator_set_latency (f->emulator, 4000);
  converc_client_set_timeout (f->client, 1);

  start = g_get_monotonic_time ();
  list = list_webhooks (f->client, NULL, &error);
  elapsed = g_get_monotonic_time () - start;
  g_assert_null (list);
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_TIMEOUT);
  assert_no_key (error);
  /* gave up after about the timeout, not after the latency (no lower bound:
   * a whole-second GLib timer may fire early within its first second) */
  g_assert_cmpint (elapsed, <, 3500 * 1000);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_client_cancel (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  converc_emulator_set_latency (f->emulator, 3000);
  g_timeout_add (100, cancel_cb, cancellable);

  start = g_get_monotonic_time ();
  list = list_webhooks (f->client, cancellable, &error);
  g_assert_null (list);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2500 * 1000);
}

static void
test_client_cancel_before (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  converc_client_list_events_async (f->client, NULL, 0, cancellable,
                                    converc_test_store_result_cb, &result);
  converc_test_wait_for_result (&result, WAIT);
  events = converc_client_list_events_finish (f->client, result, NULL, NULL, &error);
  g_assert_null (events);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_client_concurrent (Fixture       *f,
                        gconstpointer  data)
{
  GAsyncResult *results[8] = { NULL, };

  converc_emulator_seed (f->emulator, 20, 5);
  converc_emulator_set_latency (f->emulator, 200);

  /* Several requests in flight on one client */
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    if (i % 2 == 0)
      converc_client_list_webhooks_async (f->client, NULL, converc_test_store_result_cb, &results[i]);
    else
      converc_client_list_events_async (f->client, NULL, 5, NULL, converc_test_store_result_cb, &results[i]);

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) list = NULL;

      converc_test_wait_for_result (&results[i], WAIT);
      if (i % 2 == 0)
        list = converc_client_list_webhooks_finish (f->client, results[i], &error);
      else
        list = converc_client_list_events_finish (f->client, results[i], NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (list);
      g_clear_object (&results[i]);
    }
}

static void
test_client_validate_urls (void)
{
  static const char * const good[] = {
    "https://api.converc.com",
    "https://api.converc.com/",
    "https://api.converc.com:8443/v1",
    "HTTPS://API.CONVERC.COM",
    "http://127.0.0.1:8080",
    "http://127.0.0.1",
    "http://localhost:1234",
    "http://localhost",
    "http://[::1]:9000",
  };
  static const char * const bad[] = {
    "",
    "api.converc.com",
    "http://api.converc.com",
    "http://10.0.0.1:8080",
    "http://localhost.evil.example",
    "http://127.0.0.1.evil.example",
    "ftp://api.converc.com",
    "file:///etc/passwd",
    "javascript:alert(1)",
    "https://",
    "https:///path",
    "https://api.converc.com /x",
    "junk",
    "://",
    "https://api converc.com",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("good \"%s\"", good[i]);
      g_assert_true (converc_validate_base_url (good[i], &error));
      g_assert_no_error (error);
      g_assert_true (converc_validate_endpoint_url (good[i], &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("bad \"%s\"", bad[i]);
      g_assert_false (converc_validate_base_url (bad[i], &error));
      g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT);
      g_assert_cmpstr (error->message, !=, "");
      g_clear_error (&error);
      g_assert_false (converc_validate_endpoint_url (bad[i], &error));
      g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT);
    }

  g_assert_false (converc_validate_base_url (NULL, NULL));
  g_assert_false (converc_validate_endpoint_url (NULL, NULL));
}

static void
test_client_invalid_base_url (void)
{
  g_autoptr(ConvercClient) client = converc_client_new ("http://api.converc.com", API_KEY);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  /* plain http to a remote host would send the key in clear: refused */
  list = list_webhooks (client, NULL, &error);
  g_assert_null (list);
  g_assert_error (error, CONVERC_ERROR, CONVERC_ERROR_INVALID_INPUT);
  assert_no_key (error);
}

#define ADD(path, func) \
  g_test_add ("/converc/client/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  converc_test_init (&argc, &argv);

  g_test_add_func ("/converc/client/properties", test_client_properties);
  g_test_add_func ("/converc/client/validate-urls", test_client_validate_urls);
  g_test_add_func ("/converc/client/invalid-base-url", test_client_invalid_base_url);
  g_test_add_func ("/converc/client/error-refused", test_client_error_refused);
  ADD ("list", test_client_list);
  ADD ("trailing-slash", test_client_trailing_slash);
  ADD ("create", test_client_create);
  ADD ("create-all-events", test_client_create_all_events);
  ADD ("create-invalid-url", test_client_create_invalid_url);
  ADD ("disable", test_client_disable);
  ADD ("disable-unknown", test_client_disable_unknown);
  ADD ("disable-odd-ids", test_client_disable_odd_ids);
  ADD ("test-delivery", test_client_test_delivery);
  ADD ("test-delivery-500", test_client_test_delivery_500);
  ADD ("test-delivery-unreachable", test_client_test_delivery_unreachable);
  ADD ("test-unknown", test_client_test_unknown);
  ADD ("events", test_client_events);
  ADD ("events-type-escaped", test_client_events_type_escaped);
  ADD ("events-raw", test_client_events_raw);
  ADD ("error-unauthorized", test_client_error_unauthorized);
  ADD ("error-key-echoed", test_client_error_key_echoed);
  ADD ("error-no-key", test_client_error_no_key);
  ADD ("error-status", test_client_error_status);
  ADD ("error-rate-limited", test_client_error_rate_limited);
  ADD ("error-malformed", test_client_error_malformed);
  ADD ("error-too-large", test_client_error_too_large);
  ADD ("error-timeout", test_client_error_timeout);
  ADD ("cancel", test_client_cancel);
  ADD ("cancel-before", test_client_cancel_before);
  ADD ("concurrent", test_client_concurrent);

  return g_test_run ();
}
