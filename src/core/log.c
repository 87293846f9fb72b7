/* log.c — leveled logging and progress reporting on stderr.
 *
 * Progress draws a live bar when the stream is a terminal and otherwise
 * prints a plain line every ten seconds, so CI logs stay readable.
 */
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "reemud/core.h"

double rm_now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

void rm_log(const rm_logger *log, rm_log_level level, const char *fmt, ...)
{
    static const char *const prefix[] = {"error: ", "warning: ", "", ""};
    if (!log || !log->stream || level > log->level)
        return;
    va_list ap;
    va_start(ap, fmt);
    fputs(prefix[level], log->stream);
    vfprintf(log->stream, fmt, ap);
    fputc('\n', log->stream);
    va_end(ap);
}

void rm_progress_begin(rm_progress *p, const rm_logger *log, const char *label,
                       uint64_t total)
{
    memset(p, 0, sizeof *p);
    p->log = log;
    snprintf(p->label, sizeof p->label, "%s", label);
    p->total = total;
    p->tty = log && log->stream && isatty(fileno(log->stream));
    p->start_s = p->last_print_s = rm_now_s();
}

/* 1 when p has a logger with a stream at level RM_LOG_INFO or above, so progress is
 * shown. */
static int progress_visible(const rm_progress *p)
{
    return p->log && p->log->stream && p->log->level >= RM_LOG_INFO;
}

/* Prints p's progress at time now (s, rm_now_s): a redrawn bar on a terminal, else one
 * plain line; final ends the bar with a newline. The caller checks progress_visible
 * first. */
static void progress_print(rm_progress *p, double now, int final)
{
    double frac = p->total ? (double)p->done / (double)p->total : 1.0;
    double elapsed = now - p->start_s;
    FILE *s = p->log->stream;
    if (p->tty) {
        int width = 30, filled = (int)(frac * width + 0.5);
        fprintf(s, "\r%s [", p->label);
        for (int i = 0; i < width; i++)
            fputc(i < filled ? '#' : '.', s);
        fprintf(s, "] %3.0f%% %llu/%llu %.1fs%s", 100.0 * frac,
                (unsigned long long)p->done, (unsigned long long)p->total, elapsed,
                final ? "\n" : "");
    } else {
        fprintf(s, "%s: %llu/%llu (%.0f%%) %.1fs\n", p->label,
                (unsigned long long)p->done, (unsigned long long)p->total, 100.0 * frac,
                elapsed);
    }
    fflush(s);
    p->last_print_s = now;
}

void rm_progress_update(rm_progress *p, uint64_t done)
{
    p->done = done;
    if (!progress_visible(p))
        return;
    double now = rm_now_s();
    double interval = p->tty ? 0.2 : 10.0;
    if (now - p->last_print_s >= interval)
        progress_print(p, now, 0);
}

void rm_progress_end(rm_progress *p)
{
    if (!progress_visible(p))
        return;
    double now = rm_now_s();
    /* A plain log gets a final line only for loops long enough to have
     * printed; a terminal always closes its bar. */
    if (p->tty || now - p->start_s >= 10.0) {
        p->done = p->total;
        progress_print(p, now, 1);
    }
}
