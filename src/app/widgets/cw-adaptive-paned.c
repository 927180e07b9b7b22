/* cw-adaptive-paned.c
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

/* The one concern of this file: laying a list and its details out side by
 * side on a wide window and one above the other on a narrow one. */

#define G_LOG_DOMAIN "cw-adaptive-paned"

#include "config.h"

#include "cw-adaptive-paned.h"

struct _CwAdaptivePaned
{
  AdwBin    parent_instance;

  GtkPaned *paned;
  int       narrow_width;
  int       handle_position;
  guint     position_source;
};

G_DEFINE_FINAL_TYPE (CwAdaptivePaned, cw_adaptive_paned, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PANED,
  PROP_NARROW_WIDTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static int
pane_min_width (GtkWidget *pane)
{
  int min = 0;

  if (pane != NULL && gtk_widget_get_visible (pane))
    gtk_widget_measure (pane, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);

  return min;
}

/* The width the paned needs side by side (the handle is a few pixels). */
static int
side_by_side_min_width (GtkPaned *paned)
{
  return pane_min_width (gtk_paned_get_start_child (paned)) +
         pane_min_width (gtk_paned_get_end_child (paned)) + 6;
}

static gboolean
set_position_cb (gpointer user_data)
{
  CwAdaptivePaned *self = user_data;

  g_assert (CW_IS_ADAPTIVE_PANED (self));

  self->position_source = 0;
  if (self->paned != NULL)
    gtk_paned_set_position (self->paned, self->handle_position);

  return G_SOURCE_REMOVE;
}

static void
cw_adaptive_paned_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  CwAdaptivePaned *self = CW_ADAPTIVE_PANED (widget);
  GtkWidget *child = adw_bin_get_child (ADW_BIN (self));

  if (child == NULL || !gtk_widget_should_layout (child))
    {
      *minimum = *natural = 0;
      return;
    }

  gtk_widget_measure (child, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);

  /* Side by side the paned needs both panes' widths; stacked it needs the
   * wider one only, and it stacks as soon as the width is short. */
  if (self->paned != NULL && orientation == GTK_ORIENTATION_HORIZONTAL &&
      gtk_orientable_get_orientation (GTK_ORIENTABLE (self->paned)) == GTK_ORIENTATION_HORIZONTAL)
    {
      int stacked = MAX (pane_min_width (gtk_paned_get_start_child (self->paned)),
                         pane_min_width (gtk_paned_get_end_child (self->paned)));

      *minimum = MIN (*minimum, stacked);
      *natural = MAX (*natural, *minimum);
    }
}

static void
cw_adaptive_paned_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  CwAdaptivePaned *self = CW_ADAPTIVE_PANED (widget);
  GtkWidget *child = adw_bin_get_child (ADW_BIN (self));

  if (self->paned != NULL)
    {
      GtkOrientation wanted;

      wanted = width < MAX (self->narrow_width, side_by_side_min_width (self->paned))
               ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL;

      /* Flip before the child is allocated, so that it is never given less
       * than it needs. GtkPaned then moves the handle by the difference
       * between its old width and its new height: put the handle where it
       * belongs once this allocation is done. */
      if (gtk_orientable_get_orientation (GTK_ORIENTABLE (self->paned)) != wanted)
        {
          self->handle_position = wanted == GTK_ORIENTATION_VERTICAL
                                  ? MAX (200, height / 2) : MAX (360, width * 3 / 5);
          gtk_orientable_set_orientation (GTK_ORIENTABLE (self->paned), wanted);
          gtk_paned_set_position (self->paned, self->handle_position);
          if (self->position_source == 0)
            self->position_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, set_position_cb,
                                                     self, NULL);
        }
    }

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

static void
cw_adaptive_paned_dispose (GObject *object)
{
  CwAdaptivePaned *self = (CwAdaptivePaned *)object;

  g_clear_handle_id (&self->position_source, g_source_remove);
  g_clear_weak_pointer (&self->paned);

  G_OBJECT_CLASS (cw_adaptive_paned_parent_class)->dispose (object);
}

static void
cw_adaptive_paned_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CwAdaptivePaned *self = CW_ADAPTIVE_PANED (object);

  switch (prop_id)
    {
    case PROP_PANED:
      g_value_set_object (value, self->paned);
      break;

    case PROP_NARROW_WIDTH:
      g_value_set_int (value, self->narrow_width);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_adaptive_paned_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CwAdaptivePaned *self = CW_ADAPTIVE_PANED (object);

  switch (prop_id)
    {
    case PROP_PANED:
      cw_adaptive_paned_set_paned (self, g_value_get_object (value));
      break;

    case PROP_NARROW_WIDTH:
      cw_adaptive_paned_set_narrow_width (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_adaptive_paned_class_init (CwAdaptivePanedClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_adaptive_paned_dispose;
  object_class->get_property = cw_adaptive_paned_get_property;
  object_class->set_property = cw_adaptive_paned_set_property;

  widget_class->measure = cw_adaptive_paned_measure;
  widget_class->size_allocate = cw_adaptive_paned_size_allocate;

  properties[PROP_PANED] =
    g_param_spec_object ("paned", NULL, NULL, GTK_TYPE_PANED,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_NARROW_WIDTH] =
    g_param_spec_int ("narrow-width", NULL, NULL, 0, G_MAXINT, 760,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cw_adaptive_paned_init (CwAdaptivePaned *self)
{
  self->narrow_width = 760;

  /* The bin lays its child out itself, to see its own width. */
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);
}

GtkWidget *
cw_adaptive_paned_new (void)
{
  return g_object_new (CW_TYPE_ADAPTIVE_PANED, NULL);
}

GtkPaned *
cw_adaptive_paned_get_paned (CwAdaptivePaned *self)
{
  g_return_val_if_fail (CW_IS_ADAPTIVE_PANED (self), NULL);

  return self->paned;
}

/**
 * cw_adaptive_paned_set_paned:
 * @paned: (nullable): a paned inside the bin's child
 */
void
cw_adaptive_paned_set_paned (CwAdaptivePaned *self,
                             GtkPaned        *paned)
{
  g_return_if_fail (CW_IS_ADAPTIVE_PANED (self));
  g_return_if_fail (!paned || GTK_IS_PANED (paned));

  if (g_set_weak_pointer (&self->paned, paned))
    {
      gtk_widget_queue_resize (GTK_WIDGET (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PANED]);
    }
}

int
cw_adaptive_paned_get_narrow_width (CwAdaptivePaned *self)
{
  g_return_val_if_fail (CW_IS_ADAPTIVE_PANED (self), 0);

  return self->narrow_width;
}

/**
 * cw_adaptive_paned_set_narrow_width:
 * @narrow_width: below this width the details go below the list
 */
void
cw_adaptive_paned_set_narrow_width (CwAdaptivePaned *self,
                                    int              narrow_width)
{
  g_return_if_fail (CW_IS_ADAPTIVE_PANED (self));

  if (self->narrow_width == narrow_width)
    return;

  self->narrow_width = narrow_width;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NARROW_WIDTH]);
}
