/* assess_internal.h — what the report's pieces for `assess` share: the
 * result they read (assess.h) and the figure and page calls (report.h). */
#ifndef REEMUD_REPORT_ASSESS_INTERNAL_H
#define REEMUD_REPORT_ASSESS_INTERNAL_H

#include "reemud/assess.h"
#include "reemud/report.h"

#endif
