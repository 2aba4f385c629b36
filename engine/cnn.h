/* cnn.h — the Convolve engine: a small CNN library on GLib
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cnn-augment.h"
#include "cnn-classic.h"
#include "cnn-csv.h"
#include "cnn-dataset.h"
#include "cnn-error.h"
#include "cnn-file.h"
#include "cnn-ink.h"
#include "cnn-inspect.h"
#include "cnn-invariance.h"
#include "cnn-layer.h"
#include "cnn-limits.h"
#include "cnn-model.h"
#include "cnn-net.h"
#include "cnn-optimizer.h"
#include "cnn-preset.h"
#include "cnn-rng.h"
#include "cnn-trainer.h"
#include "cnn-workspace.h"
#include "cnn-worker.h"
