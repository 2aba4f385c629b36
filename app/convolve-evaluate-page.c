/* convolve-evaluate-page.c — how often the network is right, and where not
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "convolve-a11y.h"
#include "convolve-confusion-matrix.h"
#include "convolve-evaluate-page.h"
#include "convolve-heatmap.h"
#include "convolve-prob-bars.h"

/* scored at most this often while the weights keep changing (training) */
#define THROTTLE_US G_USEC_PER_SEC
/* a gallery of more would only scroll: the matrix filters it */
#define GALLERY_MAX 120
#define GALLERY_CELL 5

struct _ConvolveEvaluatePage
{
  GtkWidget parent_instance;

  GtkWidget *scroller;
  GtkDropDown *set_dropdown;
  GtkSpinner *spinner;
  GtkMenuButton *help_button;
  GtkLabel *accuracy_label;
  GtkLabel *detail_label;
  ConvolveConfusionMatrix *matrix;
  ConvolveProbBars *precision_bars;
  ConvolveProbBars *recall_bars;
  GtkLabel *gallery_heading;
  GtkLabel *gallery_caption;
  GtkButton *show_all_button;
  GtkFlowBox *gallery;

  ConvolveSession *session;
  ConvolveEvaluateSet set;
  CnnDataset *samples;        /* the user's, as last given */
  CnnDataset *test;           /* the test split for test_classes */
  int test_classes;

  CnnDataset *scored;         /* what eval is of */
  CnnEvaluation *eval;
  gboolean running;           /* a thread is scoring */
  gboolean stale;             /* changed since the score shown */
  gint64 last_start;
  guint throttle_id;
  guint show_tick;            /* a score shown a part a frame */
  int show_part;              /* the next part it shows */
  GCancellable *cancellable;

  int filter_truth, filter_predicted;
  GArray *shown;              /* gsize: the gallery's digits, indices in scored */
};

G_DEFINE_FINAL_TYPE (ConvolveEvaluatePage, convolve_evaluate_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_LOAD_DIGIT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- the set scored ---- */

/* The digits to score the network on, a copy for the thread; NULL with
 * why in *why (transfer full) when there are none */
static CnnDataset *
make_set (ConvolveEvaluatePage *self,
          const CnnNet         *net,
          char                **why)
{
  if (self->set == CONVOLVE_EVALUATE_SAMPLES)
    {
      CnnDataset *ds;
      gsize n = 0;

      for (gsize i = 0; self->samples != NULL && i < self->samples->n; i++)
        n += self->samples->y[i] < net->n_classes;
      if (n == 0)
        {
          *why = g_strdup (self->samples == NULL || self->samples->n == 0
                           ? _("No samples yet: on the Explore page, draw a digit and add it "
                               "with Ctrl+Enter.")
                           : _("None of your samples is of a class this network knows."));
          return NULL;
        }
      /* a network of fewer classes is scored on the samples it knows */
      ds = cnn_dataset_new (n, net->n_classes);
      n = 0;
      for (gsize i = 0; i < self->samples->n; i++)
        if (self->samples->y[i] < net->n_classes)
          {
            memcpy (ds->x + n * CNN_INPUT_SIZE, self->samples->x + i * CNN_INPUT_SIZE,
                    sizeof (float) * CNN_INPUT_SIZE);
            ds->y[n++] = self->samples->y[i];
          }
      return ds;
    }

  if (self->test == NULL || self->test_classes != net->n_classes)
    {
      g_autoptr (CnnDataset) train = NULL;
      g_autoptr (GError) error = NULL;

      g_clear_pointer (&self->test, cnn_dataset_free);
      self->test_classes = net->n_classes;
      if (!cnn_dataset_builtin_split (net->n_classes, CNN_SPLIT_STRATIFIED, &train, &self->test,
                                      &error))
        {
          *why = g_strdup_printf (_("There is no test split for a network of %d classes (the "
                                    "shipped digits have 10, or 2 for the 0s and 1s). Score it "
                                    "on your samples instead."), net->n_classes);
          return NULL;
        }
    }
  return cnn_dataset_copy (self->test);
}

/* ---- showing a score ---- */

static gboolean
in_filter (ConvolveEvaluatePage *self,
           const CnnMistake     *m)
{
  return self->filter_truth < 0
         || (m->label == self->filter_truth && m->predicted == self->filter_predicted);
}

static void
on_digit_clicked (GtkButton            *button,
                  ConvolveEvaluatePage *self)
{
  gsize index = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "index"));

  if (self->scored != NULL && index < self->scored->n)
    g_signal_emit (self, signals[SIGNAL_LOAD_DIGIT], 0, self->scored->x + index * CNN_INPUT_SIZE);
}

/* button > box > (map, caption); the digit's index in "index" */
static GtkWidget *
gallery_item_new (ConvolveEvaluatePage *self)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *map = convolve_heatmap_new ();
  GtkWidget *label = gtk_label_new (NULL);

  convolve_heatmap_set_scale (CONVOLVE_HEATMAP (map), CONVOLVE_SCALE_SEQUENTIAL, 1.0f);
  convolve_heatmap_set_cell_size (CONVOLVE_HEATMAP (map), GALLERY_CELL);
  gtk_widget_set_can_target (map, FALSE);
  gtk_widget_set_focusable (map, FALSE);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (box), map);
  gtk_box_append (GTK_BOX (box), label);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Put this digit on the grid"));
  g_signal_connect (button, "clicked", G_CALLBACK (on_digit_clicked), self);
  return button;
}

#define NO_DIGIT G_MAXSIZE  /* an item in reserve, hidden, sorted last */

static gsize
gallery_item_get_index (GtkFlowBoxChild *cell)
{
  return GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (gtk_flow_box_child_get_child (cell)),
                                              "index"));
}

static void
gallery_item_set_index (GtkFlowBoxChild *cell,
                        gsize            index)
{
  g_object_set_data (G_OBJECT (gtk_flow_box_child_get_child (cell)), "index",
                     GSIZE_TO_POINTER (index));
  gtk_widget_set_visible (GTK_WIDGET (cell), index != NO_DIGIT);
}

/* the set's order */
static int
gallery_sort (GtkFlowBoxChild *a,
              GtkFlowBoxChild *b,
              gpointer         data)
{
  gsize x = gallery_item_get_index (a), y = gallery_item_get_index (b);

  return x < y ? -1 : x > y;
}

/* Changes only what differs: an item showing the same digit as before
 * is left as it is */
static void
gallery_item_show (ConvolveEvaluatePage *self,
                   GtkFlowBoxChild      *cell,
                   const CnnMistake     *m)
{
  GtkWidget *button = gtk_flow_box_child_get_child (cell);
  GtkWidget *box = gtk_button_get_child (GTK_BUTTON (button));
  g_autofree char *caption = g_strdup_printf ("%d → %d · %.0f %%", m->label, m->predicted,
                                              100.0 * m->confidence);
  /* Translators: a digit of the gallery: "A 4 read as 9, 87 % sure" */
  g_autofree char *a11y = g_strdup_printf (_("A %d read as %d, %.0f %% sure"), m->label,
                                           m->predicted, 100.0 * m->confidence);

  convolve_heatmap_set_data (CONVOLVE_HEATMAP (gtk_widget_get_first_child (box)),
                             self->scored->x + m->index * CNN_INPUT_SIZE,
                             CNN_INPUT_H, CNN_INPUT_W, 1);
  gtk_label_set_label (GTK_LABEL (gtk_widget_get_last_child (box)), caption);
  convolve_a11y_set_label (button, a11y);
  /* the cell around it takes the focus too: the same name (GTK 4.8
   * names it by its type otherwise) */
  convolve_a11y_label_like (GTK_WIDGET (cell), button);
  gallery_item_set_index (cell, m->index);
}

static int
compare_gsize (gconstpointer a,
               gconstpointer b)
{
  gsize x = *(const gsize *) a, y = *(const gsize *) b;

  return x < y ? -1 : x > y;
}

/* While training, a score comes every second and mostly keeps the same
 * mistakes. An item keeps its digit while that is still wrong, spare
 * items take the new ones, and an item is made only when more are shown
 * than ever before: each one made (its styles, its layout) costs a
 * frame. The spares wait hidden, sorted last. At most budget digits
 * not shown before are added; FALSE if some were left for a next call. */
static gboolean
show_gallery_some (ConvolveEvaluatePage *self,
                   guint                 budget)
{
  const CnnEvaluation *e = self->eval;
  gsize n_wrong = e != NULL ? e->n - e->correct : 0;
  guint matching = 0;
  g_autofree char *caption = NULL;
  g_autoptr (GPtrArray) want = g_ptr_array_new ();   /* CnnMistake, the set's order */
  g_autoptr (GPtrArray) spare = g_ptr_array_new ();
  g_autofree gboolean *kept = NULL;
  gboolean complete = TRUE;
  GtkFlowBoxChild *cell;

  g_array_set_size (self->shown, 0);
  for (gsize i = 0; i < n_wrong; i++)
    if (in_filter (self, &e->mistakes[i]) && matching++ < GALLERY_MAX)
      {
        g_ptr_array_add (want, &e->mistakes[i]);
        g_array_append_val (self->shown, e->mistakes[i].index);
      }

  kept = g_new0 (gboolean, want->len + 1);
  for (guint c = 0; (cell = gtk_flow_box_get_child_at_index (self->gallery, (int) c)) != NULL; c++)
    {
      gsize index = gallery_item_get_index (cell);
      gsize *at = bsearch (&index, self->shown->data, self->shown->len, sizeof (gsize),
                           compare_gsize);

      if (index != NO_DIGIT && at != NULL)
        {
          gsize k = (gsize) (at - (gsize *) (gpointer) self->shown->data);

          kept[k] = TRUE;
          gallery_item_show (self, cell, g_ptr_array_index (want, k));
        }
      else
        g_ptr_array_add (spare, cell);
    }
  for (guint k = 0; k < want->len; k++)
    if (!kept[k])
      {
        if (budget == 0)
          {
            complete = FALSE;
            continue;
          }
        budget--;
        if (spare->len > 0)
          cell = g_ptr_array_steal_index (spare, 0);
        else
          {
            cell = GTK_FLOW_BOX_CHILD (gtk_flow_box_child_new ());
            gtk_flow_box_child_set_child (cell, gallery_item_new (self));
            gtk_flow_box_append (self->gallery, GTK_WIDGET (cell));
          }
        gallery_item_show (self, cell, g_ptr_array_index (want, k));
      }
  for (guint i = 0; i < spare->len; i++)
    gallery_item_set_index (g_ptr_array_index (spare, i), NO_DIGIT);
  gtk_flow_box_invalidate_sort (self->gallery);

  gtk_widget_set_visible (GTK_WIDGET (self->show_all_button), self->filter_truth >= 0);
  if (e == NULL)
    caption = g_strdup ("");
  else if (self->filter_truth >= 0)
    caption = matching == 0
              ? g_strdup_printf (_("No %d is read as %d."), self->filter_truth, self->filter_predicted)
              /* Translators: the gallery filtered by a matrix cell */
              : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The %u %d read as %d:",
                                              "The %u digits %d read as %d:", matching),
                                 matching, self->filter_truth, self->filter_predicted);
  else if (matching == 0)
    caption = g_strdup (_("None: every digit is read right."));
  else if (matching > self->shown->len)
    caption = g_strdup_printf (_("The first %u of %u; click a cell of the matrix for one pair. "
                                 "Click a digit to put it on the grid."),
                               self->shown->len, matching);
  else
    caption = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u digit. Click it to put it on the grid.",
                                            "%u digits. Click one to put it on the grid.", matching),
                               matching);
  gtk_label_set_label (self->gallery_caption, caption);
  return complete;
}

static void
show_gallery (ConvolveEvaluatePage *self)
{
  show_gallery_some (self, G_MAXUINT);
}

static void
show_bars (ConvolveProbBars    *bars,
           const CnnEvaluation *e,
           double             (*measure) (const CnnEvaluation *, int))
{
  g_autofree float *values = g_new0 (float, e->n_classes);

  for (int c = 0; c < e->n_classes; c++)
    {
      double v = measure (e, c);

      values[c] = isnan (v) ? 0.0f : (float) v;
    }
  convolve_prob_bars_set (bars, values, e->n_classes, -1, NULL);
}

/* The parts of a score, in the order shown */
enum {
  PART_HEADLINE,
  PART_MATRIX,
  PART_BARS,
  PART_GALLERY,
  N_PARTS
};

/* FALSE if the part needs another call to be shown whole */
static gboolean
show_part (ConvolveEvaluatePage *self,
           int                   part,
           guint                 budget)
{
  const CnnEvaluation *e = self->eval;
  g_autofree char *accuracy = NULL;
  g_autofree char *detail = NULL;

  switch (part)
    {
    case PART_HEADLINE:
      accuracy = g_strdup_printf (_("%.1f %% right"), 100.0 * e->accuracy);
      gtk_label_set_label (self->accuracy_label, accuracy);
      /* Translators: under the accuracy: counts, loss and calibration error */
      detail = g_strdup_printf (self->set == CONVOLVE_EVALUATE_TEST
                                ? _("%zu of %zu test digits · loss %.3f · calibration error %.3f")
                                : _("%zu of %zu of your samples · loss %.3f · calibration error %.3f"),
                                e->correct, e->n, e->loss, e->ece);
      gtk_label_set_label (self->detail_label, detail);
      break;
    case PART_MATRIX:
      convolve_confusion_matrix_set (self->matrix, e->confusion, e->n_classes);
      if (self->filter_truth >= e->n_classes || self->filter_predicted >= e->n_classes)
        self->filter_truth = self->filter_predicted = -1;
      convolve_confusion_matrix_set_selected (self->matrix, self->filter_truth,
                                              self->filter_predicted);
      break;
    case PART_BARS:
      show_bars (self->precision_bars, e, cnn_evaluation_precision);
      show_bars (self->recall_bars, e, cnn_evaluation_recall);
      break;
    case PART_GALLERY:
      return show_gallery_some (self, budget);
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

static void
cancel_parts (ConvolveEvaluatePage *self)
{
  if (self->show_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->show_tick);
  self->show_tick = 0;
}

/* The parts from the first given on, all at once */
static void
show_parts_from (ConvolveEvaluatePage *self,
                 int                   first)
{
  cancel_parts (self);
  for (int part = first; part < N_PARTS; part++)
    show_part (self, part, G_MAXUINT);
}

/* While training, a score comes every second, and showing all of it
 * (its texts lay the page out again, then the matrix, the bars and the
 * gallery redraw) made that frame late: a part a frame instead, each
 * from the newest score */
static gboolean
part_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       data)
{
  ConvolveEvaluatePage *self = CONVOLVE_EVALUATE_PAGE (widget);

  if (show_part (self, self->show_part, CONVOLVE_EVALUATE_PAGE_NEW_PER_FRAME))
    self->show_part++;
  if (self->show_part < N_PARTS)
    return G_SOURCE_CONTINUE;
  self->show_tick = 0;
  return G_SOURCE_REMOVE;
}

static void
show_nothing (ConvolveEvaluatePage *self,
              const char           *why)
{
  cancel_parts (self);
  g_clear_pointer (&self->eval, cnn_evaluation_free);
  g_clear_pointer (&self->scored, cnn_dataset_free);
  gtk_label_set_label (self->accuracy_label, "–");
  gtk_label_set_label (self->detail_label, why);
  convolve_confusion_matrix_set (self->matrix, NULL, 0);
  convolve_prob_bars_set (self->precision_bars, NULL, 0, -1, NULL);
  convolve_prob_bars_set (self->recall_bars, NULL, 0, -1, NULL);
  show_gallery (self);
}

/* ---- scoring, in a thread ---- */

typedef struct
{
  CnnNet *net;
  CnnDataset *ds;
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->net, cnn_net_unref);
  g_clear_pointer (&job->ds, cnn_dataset_free);
  g_free (job);
}

static void
score_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;

  g_task_return_pointer (task, cnn_evaluate (job->net, job->ds),
                         (GDestroyNotify) cnn_evaluation_free);
}

static void request (ConvolveEvaluatePage *self);

static void
scored (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  ConvolveEvaluatePage *self = CONVOLVE_EVALUATE_PAGE (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  CnnEvaluation *eval = g_task_propagate_pointer (G_TASK (result), NULL);
  gboolean in_parts;

  self->running = FALSE;
  gtk_spinner_set_spinning (self->spinner, self->stale);
  if (eval == NULL)
    return;
  /* a first score fills the page at once; a new one replaces it a part
   * a frame */
  in_parts = self->eval != NULL && gtk_widget_get_mapped (GTK_WIDGET (self));
  g_clear_pointer (&self->eval, cnn_evaluation_free);
  g_clear_pointer (&self->scored, cnn_dataset_free);
  self->eval = eval;
  self->scored = g_steal_pointer (&job->ds);
  if (!in_parts)
    show_parts_from (self, 0);
  else
    {
      self->show_part = 0;
      if (self->show_tick == 0)
        self->show_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), part_tick_cb, NULL, NULL);
    }
  if (self->stale)
    request (self);
}

static void
start (ConvolveEvaluatePage *self)
{
  CnnNet *net = self->session != NULL ? convolve_session_get_net (self->session) : NULL;
  g_autoptr (GTask) task = NULL;
  g_autofree char *why = NULL;
  Job *job;

  self->stale = FALSE;
  if (net == NULL)
    return;
  job = g_new0 (Job, 1);
  job->ds = make_set (self, net, &why);
  if (job->ds == NULL)
    {
      job_free (job);
      show_nothing (self, why);
      return;
    }
  /* the thread scores weights of its own: the session's change under it */
  job->net = cnn_net_copy (net);
  self->running = TRUE;
  self->last_start = g_get_monotonic_time ();
  gtk_spinner_set_spinning (self->spinner, TRUE);
  task = g_task_new (self, self->cancellable, scored, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, score_thread);
}

static gboolean
throttle_done (gpointer data)
{
  ConvolveEvaluatePage *self = data;

  self->throttle_id = 0;
  if (self->stale && !self->running)
    start (self);
  return G_SOURCE_REMOVE;
}

/* Something changed: score again, now if it can be, else once the
 * running score is in, the second is up, or the page is shown */
static void
request (ConvolveEvaluatePage *self)
{
  gint64 since;

  self->stale = TRUE;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || self->running || self->throttle_id != 0)
    return;
  since = g_get_monotonic_time () - self->last_start;
  if (self->last_start != 0 && since < THROTTLE_US)
    {
      self->throttle_id = g_timeout_add ((guint) ((THROTTLE_US - since) / 1000) + 1,
                                         throttle_done, self);
      return;
    }
  start (self);
}

/* ---- public ---- */

void
convolve_evaluate_page_set_session (ConvolveEvaluatePage *self,
                                    ConvolveSession      *session)
{
  g_return_if_fail (CONVOLVE_IS_EVALUATE_PAGE (self));
  g_return_if_fail (session == NULL || CONVOLVE_IS_SESSION (session));

  if (session == self->session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      g_signal_connect_swapped (session, "notify::net", G_CALLBACK (request), self);
      g_signal_connect_swapped (session, "weights-changed", G_CALLBACK (request), self);
      request (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

ConvolveSession *
convolve_evaluate_page_get_session (ConvolveEvaluatePage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_EVALUATE_PAGE (self), NULL);
  return self->session;
}

void
convolve_evaluate_page_set_samples (ConvolveEvaluatePage *self,
                                    const CnnDataset     *samples)
{
  g_return_if_fail (CONVOLVE_IS_EVALUATE_PAGE (self));

  g_clear_pointer (&self->samples, cnn_dataset_free);
  if (samples != NULL)
    self->samples = cnn_dataset_copy (samples);
  if (self->set == CONVOLVE_EVALUATE_SAMPLES)
    request (self);
}

void
convolve_evaluate_page_set_set (ConvolveEvaluatePage *self,
                                ConvolveEvaluateSet   set)
{
  g_return_if_fail (CONVOLVE_IS_EVALUATE_PAGE (self));

  if (gtk_drop_down_get_selected (self->set_dropdown) != (guint) set)
    gtk_drop_down_set_selected (self->set_dropdown, set);
}

static void
on_set_selected (ConvolveEvaluatePage *self)
{
  ConvolveEvaluateSet set = gtk_drop_down_get_selected (self->set_dropdown) == 1
                            ? CONVOLVE_EVALUATE_SAMPLES : CONVOLVE_EVALUATE_TEST;

  if (set == self->set)
    return;
  self->set = set;
  self->filter_truth = self->filter_predicted = -1;
  /* another set at once, not in a second */
  self->last_start = 0;
  request (self);
}

const CnnEvaluation *
convolve_evaluate_page_get_evaluation (ConvolveEvaluatePage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_EVALUATE_PAGE (self), NULL);
  return self->eval;
}

/* The "?" of the page (F1) */
GtkMenuButton *
convolve_evaluate_page_get_help_button (ConvolveEvaluatePage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_EVALUATE_PAGE (self), NULL);
  return self->help_button;
}

gboolean
convolve_evaluate_page_get_busy (ConvolveEvaluatePage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_EVALUATE_PAGE (self), FALSE);
  return self->running || self->stale || self->show_tick != 0;
}

void
convolve_evaluate_page_set_filter (ConvolveEvaluatePage *self,
                                   int                   truth,
                                   int                   predicted)
{
  g_return_if_fail (CONVOLVE_IS_EVALUATE_PAGE (self));

  if (truth < 0 || predicted < 0)
    truth = predicted = -1;
  self->filter_truth = truth;
  self->filter_predicted = predicted;
  convolve_confusion_matrix_set_selected (self->matrix, truth, predicted);
  show_gallery (self);
}

static void
on_cell_activated (ConvolveEvaluatePage *self,
                   int                   truth,
                   int                   predicted)
{
  /* the same cell again shows every mistake */
  if (truth == self->filter_truth && predicted == self->filter_predicted)
    convolve_evaluate_page_set_filter (self, -1, -1);
  else
    convolve_evaluate_page_set_filter (self, truth, predicted);
}

static void
on_show_all (ConvolveEvaluatePage *self)
{
  convolve_evaluate_page_set_filter (self, -1, -1);
}

ConvolveConfusionMatrix *
convolve_evaluate_page_get_matrix (ConvolveEvaluatePage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_EVALUATE_PAGE (self), NULL);
  return self->matrix;
}

guint
convolve_evaluate_page_get_n_shown (ConvolveEvaluatePage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_EVALUATE_PAGE (self), 0);
  return self->shown->len;
}

gsize
convolve_evaluate_page_get_shown (ConvolveEvaluatePage *self,
                                  guint                 i)
{
  g_return_val_if_fail (CONVOLVE_IS_EVALUATE_PAGE (self), 0);
  g_return_val_if_fail (i < self->shown->len, 0);
  return g_array_index (self->shown, gsize, i);
}

GtkWidget *
convolve_evaluate_page_get_item (ConvolveEvaluatePage *self,
                                 guint                 i)
{
  g_return_val_if_fail (CONVOLVE_IS_EVALUATE_PAGE (self), NULL);
  g_return_val_if_fail (i < self->shown->len, NULL);

  /* the shown items come first, in the set's order (gallery_sort) */
  return gtk_flow_box_child_get_child (gtk_flow_box_get_child_at_index (self->gallery, (int) i));
}

guint
convolve_evaluate_page_get_n_items (ConvolveEvaluatePage *self)
{
  guint n = 0;

  g_return_val_if_fail (CONVOLVE_IS_EVALUATE_PAGE (self), 0);

  while (gtk_flow_box_get_child_at_index (self->gallery, (int) n) != NULL)
    n++;
  return n;
}

/* the items showing a digit now (the others wait hidden) */
guint
convolve_evaluate_page_get_n_visible_items (ConvolveEvaluatePage *self)
{
  GtkFlowBoxChild *cell;
  guint n = 0;

  g_return_val_if_fail (CONVOLVE_IS_EVALUATE_PAGE (self), 0);

  for (int i = 0; (cell = gtk_flow_box_get_child_at_index (self->gallery, i)) != NULL; i++)
    n += gtk_widget_get_visible (GTK_WIDGET (cell));
  return n;
}

void
convolve_evaluate_page_activate_shown (ConvolveEvaluatePage *self,
                                       guint                 i)
{
  g_return_if_fail (CONVOLVE_IS_EVALUATE_PAGE (self));
  g_return_if_fail (i < self->shown->len);

  /* "clicked" at once: a button's "activate" waits for its animation */
  g_signal_emit_by_name (convolve_evaluate_page_get_item (self, i), "clicked");
}

/* ---- GObject ---- */

static void
convolve_evaluate_page_map (GtkWidget *widget)
{
  ConvolveEvaluatePage *self = CONVOLVE_EVALUATE_PAGE (widget);

  GTK_WIDGET_CLASS (convolve_evaluate_page_parent_class)->map (widget);
  if (self->stale)
    request (self);
}

/* the parts not shown yet, before the ticks stop */
static void
convolve_evaluate_page_unmap (GtkWidget *widget)
{
  ConvolveEvaluatePage *self = CONVOLVE_EVALUATE_PAGE (widget);

  if (self->show_tick != 0)
    show_parts_from (self, self->show_part);
  GTK_WIDGET_CLASS (convolve_evaluate_page_parent_class)->unmap (widget);
}

static void
convolve_evaluate_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, CONVOLVE_EVALUATE_PAGE (object)->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convolve_evaluate_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_SESSION:
      convolve_evaluate_page_set_session (CONVOLVE_EVALUATE_PAGE (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convolve_evaluate_page_dispose (GObject *object)
{
  ConvolveEvaluatePage *self = CONVOLVE_EVALUATE_PAGE (object);

  convolve_evaluate_page_set_session (self, NULL);
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->throttle_id, g_source_remove);
  cancel_parts (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CONVOLVE_TYPE_EVALUATE_PAGE);

  G_OBJECT_CLASS (convolve_evaluate_page_parent_class)->dispose (object);
}

static void
convolve_evaluate_page_finalize (GObject *object)
{
  ConvolveEvaluatePage *self = CONVOLVE_EVALUATE_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->samples, cnn_dataset_free);
  g_clear_pointer (&self->test, cnn_dataset_free);
  g_clear_pointer (&self->scored, cnn_dataset_free);
  g_clear_pointer (&self->eval, cnn_evaluation_free);
  g_clear_pointer (&self->shown, g_array_unref);

  G_OBJECT_CLASS (convolve_evaluate_page_parent_class)->finalize (object);
}

static void
convolve_evaluate_page_class_init (ConvolveEvaluatePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = convolve_evaluate_page_get_property;
  object_class->set_property = convolve_evaluate_page_set_property;
  object_class->dispose = convolve_evaluate_page_dispose;
  object_class->finalize = convolve_evaluate_page_finalize;
  widget_class->map = convolve_evaluate_page_map;
  widget_class->unmap = convolve_evaluate_page_unmap;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CONVOLVE_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_LOAD_DIGIT] =
    g_signal_new ("load-digit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  g_type_ensure (CONVOLVE_TYPE_CONFUSION_MATRIX);
  g_type_ensure (CONVOLVE_TYPE_PROB_BARS);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/convolve/Convolve/ui/convolve-evaluate-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ConvolveEvaluatePage, scroller);
  gtk_widget_class_bind_template_child (widget_class, ConvolveEvaluatePage, set_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ConvolveEvaluatePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, ConvolveEvaluatePage, help_button);
  gtk_widget_class_bind_template_child (widget_class, ConvolveEvaluatePage, accuracy_label);
  gtk_widget_class_bind_template_child (widget_class, ConvolveEvaluatePage, detail_label);
  gtk_widget_class_bind_template_child (widget_class, ConvolveEvaluatePage, matrix);
  gtk_widget_class_bind_template_child (widget_class, ConvolveEvaluatePage, precision_bars);
  gtk_widget_class_bind_template_child (widget_class, ConvolveEvaluatePage, recall_bars);
  gtk_widget_class_bind_template_child (widget_class, ConvolveEvaluatePage, gallery_heading);
  gtk_widget_class_bind_template_child (widget_class, ConvolveEvaluatePage, gallery_caption);
  gtk_widget_class_bind_template_child (widget_class, ConvolveEvaluatePage, show_all_button);
  gtk_widget_class_bind_template_child (widget_class, ConvolveEvaluatePage, gallery);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
convolve_evaluate_page_init (ConvolveEvaluatePage *self)
{
  self->filter_truth = self->filter_predicted = -1;
  self->shown = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  convolve_a11y_name_drop_down_button (self->set_dropdown);
  g_signal_connect_swapped (self->set_dropdown, "notify::selected", G_CALLBACK (on_set_selected), self);
  gtk_flow_box_set_sort_func (self->gallery, gallery_sort, NULL, NULL);
  g_signal_connect_swapped (self->matrix, "cell-activated", G_CALLBACK (on_cell_activated), self);
  g_signal_connect_swapped (self->show_all_button, "clicked", G_CALLBACK (on_show_all), self);
  gtk_label_set_label (self->accuracy_label, "–");
}
