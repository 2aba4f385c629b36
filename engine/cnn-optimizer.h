/* cnn-optimizer.h — SGD with momentum and Adam over flat blobs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CNN_OPTIMIZER_SGD,   /* with momentum */
  CNN_OPTIMIZER_ADAM,
} CnnOptimizerKind;

typedef struct _CnnOptimizer CnnOptimizer;

struct _CnnOptimizer {
  CnnOptimizerKind kind;
  float  lr;
  float  momentum;       /* SGD, 0.9 */
  float  beta1, beta2;   /* Adam, 0.9 and 0.999 */
  float  eps;
  float  weight_decay;   /* L2, added to the gradient (biases included) */
  gint64 t;              /* steps taken */
  gsize  n;
  float *m;              /* momentum / Adam first moment, [n] */
  float *v;              /* Adam second moment, [n] */
};

CnnOptimizer *cnn_optimizer_new   (CnnOptimizerKind kind, float lr, float weight_decay, gsize n);
void          cnn_optimizer_free  (CnnOptimizer *opt);
void          cnn_optimizer_reset (CnnOptimizer *opt);
/* params −= update(grads · grad_scale); grads untouched */
void          cnn_optimizer_step  (CnnOptimizer *opt, float *params, const float *grads,
                                   float grad_scale);

gboolean      cnn_optimizer_kind_from_string (const char *name, CnnOptimizerKind *kind);
const char   *cnn_optimizer_kind_to_string   (CnnOptimizerKind kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CnnOptimizer, cnn_optimizer_free)

G_END_DECLS
