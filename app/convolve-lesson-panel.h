/* convolve-lesson-panel.h — the guided lesson, one card per step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows a step of the lesson (the explanations of convolve-explain.h, in
 * their order), what to do, and a check mark once it is done; Back and
 * Next. Which view a step is about and when it is done is the window's
 * business (convolve-window-lesson.c).
 */
#pragma once

#include <adwaita.h>

#include "convolve-explain.h"

G_BEGIN_DECLS

#define CONVOLVE_LESSON_N_STEPS CONVOLVE_N_TOPICS

#define CONVOLVE_TYPE_LESSON_PANEL (convolve_lesson_panel_get_type ())
G_DECLARE_FINAL_TYPE (ConvolveLessonPanel, convolve_lesson_panel, CONVOLVE, LESSON_PANEL, GtkWidget)

/* The network the texts give the sizes of (nullable) */
void     convolve_lesson_panel_set_net  (ConvolveLessonPanel *self, const CnnNet *net);
/* 0 … N_STEPS − 1, clamped; "step" property */
void     convolve_lesson_panel_set_step (ConvolveLessonPanel *self, int step);
int      convolve_lesson_panel_get_step (ConvolveLessonPanel *self);
void     convolve_lesson_panel_set_done (ConvolveLessonPanel *self, int step, gboolean done);
gboolean convolve_lesson_panel_get_done (ConvolveLessonPanel *self, int step);
/* The card's text as shown (title, explanation, task), for tests */
char    *convolve_lesson_panel_describe (ConvolveLessonPanel *self);

/* Signal "close": the panel's close button */

G_END_DECLS
