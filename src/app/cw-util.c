/* cw-util.c
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

#define G_LOG_DOMAIN "cw-util"

#include "config.h"

#include "cw-util.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "converc.h"

#include "cw-window.h"

/**
 * cw_error_describe:
 * @error: an error from libconverc (or GIO)
 * @retry_after: seconds from a 429's Retry-After, or -1
 *
 * Returns: (transfer full): a sentence that says what happened and what to
 *   do about it, suitable for a toast or an inline message
 */
char *
cw_error_describe (const GError *error,
                   gint64        retry_after)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == CONVERC_ERROR)
    {
      switch ((ConvercError) error->code)
        {
        case CONVERC_ERROR_UNAUTHORIZED:
          return g_strdup (_("Converc refused the API key. Check it in the Converc dashboard "
                             "(Settings → Integrations → API Keys) and replace it in Preferences."));
        case CONVERC_ERROR_FORBIDDEN:
          return g_strdup (_("This API key is not allowed to do that. Ask an administrator of "
                             "your Converc organisation for a key with access to webhooks."));
        case CONVERC_ERROR_TIMEOUT:
          return g_strdup (_("The server did not answer in time. Try again in a moment."));
        case CONVERC_ERROR_RATE_LIMITED:
          if (retry_after > 0)
            return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "Too many requests: Converc asks to wait %d second. Try again then.",
                                                 "Too many requests: Converc asks to wait %d seconds. Try again then.",
                                                 (gulong) retry_after),
                                    (int) retry_after);
          return g_strdup (_("Too many requests: Converc asks to slow down. Wait a minute and try again."));
        case CONVERC_ERROR_INVALID_RESPONSE:
        case CONVERC_ERROR_TOO_LARGE:
          return g_strdup_printf (_("%s Check the API base URL in Preferences."),
                                  error->message);
        case CONVERC_ERROR_KEYRING:
          return g_strdup_printf (_("The keyring failed (%s). Unlock it and try again."),
                                  error->message);
        case CONVERC_ERROR_NO_API_KEY:
          return g_strdup (_("No API key is set. Sign in with a key from the Converc dashboard."));
        case CONVERC_ERROR_NETWORK:
        case CONVERC_ERROR_TLS:
        case CONVERC_ERROR_SERVER:
        case CONVERC_ERROR_NOT_FOUND:
        case CONVERC_ERROR_NO_KEYRING:
        case CONVERC_ERROR_INVALID_INPUT:
        case CONVERC_ERROR_INVALID_REQUEST:
        case CONVERC_ERROR_HTTP:
        case CONVERC_ERROR_FAILED:
        default:
          /* libconverc's messages already say what happened, what the
           * server said and what to do. */
          return g_strdup (error->message);
        }
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_strdup (_("The operation took too long. Try again in a moment."));

  return g_strdup (error->message);
}

/**
 * cw_error_describe_short:
 *
 * Like cw_error_describe() but short enough for a toast: what happened and
 * what to do, without the technical detail.
 */
char *
cw_error_describe_short (const GError *error,
                         gint64        retry_after)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == CONVERC_ERROR)
    {
      switch ((ConvercError) error->code)
        {
        case CONVERC_ERROR_UNAUTHORIZED:
          return g_strdup (_("Converc refused the API key. Replace it in Preferences."));
        case CONVERC_ERROR_NETWORK:
          return g_strdup (_("The server cannot be reached. Check your connection and try again."));
        case CONVERC_ERROR_TIMEOUT:
          return g_strdup (_("The server did not answer in time. Try again in a moment."));
        case CONVERC_ERROR_RATE_LIMITED:
          if (retry_after > 0)
            return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "Too many requests. Try again in %d second.",
                                                 "Too many requests. Try again in %d seconds.",
                                                 (gulong) retry_after),
                                    (int) retry_after);
          return g_strdup (_("Too many requests. Wait a minute and try again."));
        case CONVERC_ERROR_SERVER:
          return g_strdup (_("Converc has a server problem. Try again later."));
        case CONVERC_ERROR_NO_KEYRING:
          return g_strdup (_("No keyring is running: secrets are not kept after this run."));
        case CONVERC_ERROR_FAILED:
        case CONVERC_ERROR_TLS:
        case CONVERC_ERROR_FORBIDDEN:
        case CONVERC_ERROR_NOT_FOUND:
        case CONVERC_ERROR_INVALID_REQUEST:
        case CONVERC_ERROR_HTTP:
        case CONVERC_ERROR_INVALID_RESPONSE:
        case CONVERC_ERROR_TOO_LARGE:
        case CONVERC_ERROR_INVALID_INPUT:
        case CONVERC_ERROR_KEYRING:
        case CONVERC_ERROR_NO_API_KEY:
        default:
          break;
        }
    }

  return cw_error_describe (error, retry_after);
}

gboolean
cw_error_is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/**
 * cw_text_one_line:
 * @text: (nullable): text, possibly from a server
 *
 * For a one-line list cell: line breaks, tabs and other control characters
 * become spaces, so that none of the text goes below the line. (The
 * tooltip and the detail view show the text as it is.)
 *
 * Returns: (transfer full) (nullable): the text on one line
 */
char *
cw_text_one_line (const char *text)
{
  g_autofree char *valid = NULL;
  GString *line;

  if (text == NULL)
    return NULL;

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  line = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029)
        g_string_append_c (line, ' ');
      else
        g_string_append_len (line, p, g_utf8_next_char (p) - p);
    }

  return g_string_free (line, FALSE);
}

/**
 * cw_cell_new:
 * @min_chars: the fewest characters it shows before the column scrolls
 * @nat_chars: how many it asks for
 * @overflow: where text too long for it is ellipsized
 *
 * A one-line text cell for a list. A GtkInscription sizes itself from a
 * number of characters, not from its text: binding another item to a row
 * redraws the cell, where a GtkLabel's new text would measure the whole
 * window again (a third of a scroll frame, BENCHMARKS.md).
 *
 * Returns: (transfer floating): the cell
 */
GtkWidget *
cw_cell_new (guint                  min_chars,
             guint                  nat_chars,
             GtkInscriptionOverflow overflow)
{
  GtkInscription *cell = GTK_INSCRIPTION (gtk_inscription_new (NULL));

  gtk_inscription_set_xalign (cell, 0);
  gtk_inscription_set_min_lines (cell, 1);
  gtk_inscription_set_nat_lines (cell, 1);
  gtk_inscription_set_min_chars (cell, min_chars);
  gtk_inscription_set_nat_chars (cell, nat_chars);
  gtk_inscription_set_text_overflow (cell, overflow);
  /* Given the row's whole height, it would wrap to a second line. */
  gtk_widget_set_valign (GTK_WIDGET (cell), GTK_ALIGN_CENTER);

  return GTK_WIDGET (cell);
}

/**
 * cw_cell_set_text:
 * @cell: a cell from cw_cell_new()
 * @text: (nullable): plain text, possibly from a server
 *
 * Shows @text on the cell's one line (cw_text_one_line()).
 */
void
cw_cell_set_text (GtkWidget  *cell,
                  const char *text)
{
  g_autofree char *line = cw_text_one_line (text);

  g_return_if_fail (GTK_IS_INSCRIPTION (cell));

  gtk_inscription_set_text (GTK_INSCRIPTION (cell), line);
}

/**
 * cw_toast_new:
 * @text: plain text, possibly from a server
 *
 * libadwaita 1.2 reads a toast's title as Pango markup: escape @text so that
 * "<", "&" in a URL or a server's message show as they are.
 *
 * Returns: (transfer full): a toast showing @text literally
 */
AdwToast *
cw_toast_new (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  return adw_toast_new (escaped);
}

/**
 * cw_widget_add_toast:
 *
 * Shows @title, plain text, in the nearest #AdwToastOverlay above @widget.
 */
void
cw_widget_add_toast (GtkWidget  *widget,
                     const char *title)
{
  GtkWidget *overlay;
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (title != NULL);

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    {
      AdwToast *toast = cw_toast_new (title);

      adw_toast_set_timeout (toast, 6);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
      return;
    }

  /* Dialogs: show it in the window they belong to. */
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root) && !CW_IS_WINDOW (root))
    root = (GtkRoot *) gtk_window_get_transient_for (GTK_WINDOW (root));

  if (CW_IS_WINDOW (root))
    cw_window_add_toast (CW_WINDOW (root), title);
  else
    g_message ("%s", title);
}

/* Adaptive paned: a page whose content holds a GtkPaned (list beside
 * details) lays it out side by side when the page is wide, and the details
 * below the list when it is narrow, so that the window works from 360 px
 * up. AdwBreakpoint is newer than our libadwaita, so the page measures and
 * allocates its child itself with these two helpers. */

static int
paned_child_min_width (GtkWidget *child)
{
  int min = 0;

  if (child != NULL && gtk_widget_get_visible (child))
    gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);

  return min;
}

/* The width the paned needs side by side (the handle is a few pixels). */
static int
paned_side_by_side_min_width (GtkPaned *paned)
{
  return paned_child_min_width (gtk_paned_get_start_child (paned)) +
         paned_child_min_width (gtk_paned_get_end_child (paned)) + 6;
}

static gboolean
set_paned_position_cb (gpointer user_data)
{
  GtkPaned *paned = user_data;

  gtk_paned_set_position (paned, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (paned),
                                                                     "cw-paned-position")));
  return G_SOURCE_REMOVE;
}

void
cw_adaptive_paned_measure (GtkWidget      *child,
                           GtkPaned       *paned,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  g_return_if_fail (GTK_IS_PANED (paned));

  if (child == NULL || !gtk_widget_should_layout (child))
    {
      *minimum = *natural = 0;
      return;
    }

  gtk_widget_measure (child, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);

  /* Side by side the paned needs both panes' widths; stacked it needs the
   * wider one only, and it stacks as soon as the width is short. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL &&
      gtk_orientable_get_orientation (GTK_ORIENTABLE (paned)) == GTK_ORIENTATION_HORIZONTAL)
    {
      int stacked = MAX (paned_child_min_width (gtk_paned_get_start_child (paned)),
                         paned_child_min_width (gtk_paned_get_end_child (paned)));

      *minimum = MIN (*minimum, stacked);
      *natural = MAX (*natural, *minimum);
    }
}

void
cw_adaptive_paned_allocate (GtkWidget *child,
                            GtkPaned  *paned,
                            int        narrow_width,
                            int        width,
                            int        height,
                            int        baseline)
{
  GtkOrientation wanted;

  g_return_if_fail (GTK_IS_PANED (paned));

  wanted = width < MAX (narrow_width, paned_side_by_side_min_width (paned))
           ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL;

  /* Flip before the child is allocated, so that it is never given less
   * than it needs. GtkPaned then moves the handle by the difference between
   * its old width and its new height: put the handle where it belongs once
   * this allocation is done. */
  if (gtk_orientable_get_orientation (GTK_ORIENTABLE (paned)) != wanted)
    {
      int position = wanted == GTK_ORIENTATION_VERTICAL ? MAX (200, height / 2)
                                                        : MAX (360, width * 3 / 5);

      gtk_orientable_set_orientation (GTK_ORIENTABLE (paned), wanted);
      gtk_paned_set_position (paned, position);
      g_object_set_data (G_OBJECT (paned), "cw-paned-position", GINT_TO_POINTER (position));
      g_idle_add_full (G_PRIORITY_HIGH_IDLE, set_paned_position_cb,
                       g_object_ref (paned), g_object_unref);
    }

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

/* Accessible names for what libadwaita and GTK 4.8 build inside windows
 * whose parts we do not declare (About, Keyboard Shortcuts, the scrollers,
 * lists and search entry of a preferences window): a screen reader would
 * otherwise meet focusable controls without a name. Only use it on trees
 * whose scrollers, lists and text views have no label of their own. */
void
cw_accessible_label_internals (GtkWidget  *root,
                               const char *label)
{
  g_return_if_fail (GTK_IS_WIDGET (root));
  g_return_if_fail (label != NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SEARCH_ENTRY (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search"),
                                        -1);
      else if (GTK_IS_SCROLLED_WINDOW (child) || GTK_IS_LIST_BOX (child) ||
               GTK_IS_TEXT_VIEW (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                        -1);

      cw_accessible_label_internals (child, label);
    }
}

static void
drop_down_unfocus_item (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!GTK_IS_BUTTON (child) && !GTK_IS_POPOVER (child))
        gtk_widget_set_focusable (child, FALSE);
      if (!GTK_IS_POPOVER (child))
        drop_down_unfocus_item (child);
    }
}

/* GTK 4.8's GtkDropDown shows the selected item with a focusable row widget
 * of a generic role inside its button: take it out of the focus chain (the
 * button, named by the item's text, keeps the focus). Done for every
 * drop-down under @root. */
void
cw_accessible_fix_drop_downs (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_DROP_DOWN (child))
        drop_down_unfocus_item (child);
      else
        cw_accessible_fix_drop_downs (child);
    }
}
