/* assess_internal.h — what the two files of the pipeline share: the
 * stages in order and their progress line. */
#ifndef REEMUD_ASSESS_PIPELINE_INTERNAL_H
#define REEMUD_ASSESS_PIPELINE_INTERNAL_H

#include "reemud/assess.h"

/* Indices into rm_assess_stage_names (the order the stages run in). */
enum {
    ASSESS_CHECK, ASSESS_ESTIMATE, ASSESS_SIMULATE, ASSESS_CHAIN, ASSESS_SUPPLY,
    ASSESS_LIFT, ASSESS_DIAGNOSTICS, ASSESS_FIGURES, ASSESS_REPORT
};

/* Log "assess: [k+1/N] NAME: " and the formatted text at RM_LOG_INFO. */
void assess_stage(const rm_logger *log, int k, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
