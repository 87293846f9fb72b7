/* core.h — status codes, errors, input problem lists, logging, progress,
 * atomic output, reading a text file whole, RNG streams, hashing and the
 * run.json record.
 *
 * Every public reemud function returns an rm_status.  When it fails it fills
 * an rm_error with a message; when input caused the failure the message
 * begins "FILE:LINE: field 'NAME': ".  Validation that can find many
 * problems at once collects them in an rm_problems list before failing.
 */
#ifndef REEMUD_CORE_H
#define REEMUD_CORE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <gsl/gsl_rng.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum rm_status {
    RM_OK = 0,
    RM_EINVAL,    /* bad argument or configuration value */
    RM_EDATA,     /* bad input data (file, line, field) */
    RM_EIO,       /* a file could not be read or written */
    RM_ENOMEM,    /* out of memory */
    RM_ESINGULAR, /* a linear system could not be solved */
    RM_ENOCONV,   /* an iteration did not converge */
    RM_EPHYS,     /* a physically impossible request */
    RM_EEXIST,    /* an output would overwrite something the user has */
    RM_EINTERNAL  /* a broken invariant */
} rm_status;

const char *rm_status_string(rm_status status);

#define RM_ERROR_MESSAGE_MAX 2048

typedef struct rm_error {
    rm_status status;
    char message[RM_ERROR_MESSAGE_MAX];
} rm_error;

/* Clear an error record. */
void rm_error_clear(rm_error *err);

/* Set err (which may be NULL) and return status. */
rm_status rm_error_set(rm_error *err, rm_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Set an input error "FILE:LINE: field 'FIELD': message".  line <= 0 omits
 * the line, field NULL omits the field. Returns RM_EDATA. */
rm_status rm_error_input(rm_error *err, const char *file, long line,
                         const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* ---- Problem lists: all input problems reported together ---- */

typedef struct rm_problems {
    size_t count;    /* problems found (may exceed the number kept) */
    size_t kept;     /* messages stored */
    size_t cap;      /* at most this many are stored */
    char **messages;
} rm_problems;

/* Initialise an empty list keeping at most cap messages (0 = 100). */
void rm_problems_init(rm_problems *p, size_t cap);
void rm_problems_free(rm_problems *p);
/* Record "FILE:LINE: field 'FIELD': message". */
void rm_problems_add(rm_problems *p, const char *file, long line, const char *field,
                     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Print every kept problem, one per line, and a line counting the rest. */
void rm_problems_print(const rm_problems *p, FILE *stream);
/* Collect the outcome of one check: when st is not RM_OK, add e's message to
 * p (if not NULL) and, the first time, copy e to err and st to *first.  Lets
 * a reader run every check and report all problems together. */
void rm_problems_note(rm_status st, const rm_error *e, rm_problems *p, rm_status *first,
                      rm_error *err);
/* If any problem was found: fill err with the first one and a count, return
 * RM_EDATA; else RM_OK. */
rm_status rm_problems_status(const rm_problems *p, rm_error *err);

/* ---- Logging ---- */

typedef enum rm_log_level {
    RM_LOG_ERROR = 0,
    RM_LOG_WARN = 1,
    RM_LOG_INFO = 2,
    RM_LOG_DEBUG = 3
} rm_log_level;

/* A logger is passed to library functions that report; NULL is silent. */
typedef struct rm_logger {
    rm_log_level level;
    FILE *stream;
} rm_logger;

void rm_log(const rm_logger *log, rm_log_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ---- Progress on stderr: a live bar on a TTY, periodic lines otherwise ---- */

typedef struct rm_progress {
    const rm_logger *log;
    char label[64];
    uint64_t total;
    uint64_t done;
    int tty;
    double start_s;
    double last_print_s;
} rm_progress;

void rm_progress_begin(rm_progress *p, const rm_logger *log, const char *label,
                       uint64_t total);
/* Report that done items are complete; prints at most a few times a second. */
void rm_progress_update(rm_progress *p, uint64_t done);
void rm_progress_end(rm_progress *p);

/* Monotonic wall-clock seconds. */
double rm_now_s(void);

/* ---- Atomic output ---- */

/* A file written under a temporary name in the destination's directory and
 * renamed into place by rm_afile_commit. */
typedef struct rm_afile {
    FILE *fp;
    char final_path[4096];
    char temp_path[4096];
} rm_afile;

rm_status rm_afile_open(rm_afile *af, const char *path, rm_error *err);
/* Flush, sync, close and rename into place. */
rm_status rm_afile_commit(rm_afile *af, rm_error *err);
/* Close and remove the temporary file (safe after a failed commit). */
void rm_afile_abort(rm_afile *af);

/* Write a CSV cell to fp: a comma first when comma is set, then x with 10
 * significant digits, or nothing (an empty cell) when x is NaN or infinite. */
void rm_csv_num(FILE *fp, double x, int comma);

/* For libraries that open files by name (netCDF, GDAL): make a temporary
 * name beside path.  The caller writes it, then rm_atomic_rename. */
rm_status rm_atomic_temp_name(const char *path, char *temp, size_t temp_size,
                              rm_error *err);
rm_status rm_atomic_rename(const char *temp, const char *path, rm_error *err);

/* Remove the temporary files of unfinished outputs when the process is
 * interrupted: installs a SIGINT/SIGTERM handler that unlinks every
 * temporary made by rm_atomic_temp_name and not yet renamed or aborted
 * (async-signal-safe calls only), then dies of the signal as it would have.
 * Called once by a program's main; a library user may call it too. */
void rm_signals_install(void);

/* Prepare an output directory: create it (and parents) if missing.  If it
 * exists and already holds a file named in `outputs` (NULL-terminated),
 * fail with RM_EEXIST unless force is set.  When outputs names run.json
 * (written last, it marks a complete output set), an existing run.json is
 * removed and the marker RM_UNFINISHED is created before anything is
 * written; rm_runinfo_write removes the marker after run.json.  So an
 * interrupted or failed run never leaves a set that looks complete, and a
 * folder holding the marker (an unfinished run's files) is overwritten
 * without force. */
rm_status rm_outdir_prepare(const char *dir, int force, const char *const *outputs,
                            rm_error *err);
#define RM_UNFINISHED ".reemud-unfinished"
/* 1 when dir holds RM_UNFINISHED: its files are an unfinished run's. */
int rm_outdir_unfinished(const char *dir);
/* Remove dir's RM_UNFINISHED marker (called after run.json is written). */
rm_status rm_outdir_finished(const char *dir, rm_error *err);

/* Join dir and name into buf. */
rm_status rm_path_join(char *buf, size_t size, const char *dir, const char *name,
                       rm_error *err);

/* Where the bundled data/ and examples/ live: $REEMUD_DATADIR, else the
 * source tree, else the install prefix.  Returns a static string. */
const char *rm_datadir(void);

/* ---- Reading a text file whole ---- */

/* Read the file at path into a new NUL-terminated string *text (the caller
 * frees it), its length in bytes in *len (len may be NULL).  A file of more
 * than max_bytes fails with RM_EDATA (SIZE_MAX: no bound).  Errors name the
 * file: RM_EIO when it cannot be opened or read, RM_ENOMEM.  *text is NULL
 * on failure. */
rm_status rm_read_text(const char *path, size_t max_bytes, char **text, size_t *len,
                       rm_error *err);

/* ---- Hashing ---- */

/* SHA-256 of a file as 64 lowercase hex digits + NUL. */
rm_status rm_sha256_file(const char *path, char hex[65], rm_error *err);

/* ---- RNG streams ---- */

/* A GSL generator (mt19937) seeded from (seed, index) through a SplitMix64
 * mix, so realization k draws from its own stream whatever thread runs it.
 * Free with gsl_rng_free. */
gsl_rng *rm_rng_stream(uint64_t seed, uint64_t index);
uint64_t rm_seed_mix(uint64_t seed, uint64_t index);

/* ---- run.json ---- */

typedef struct rm_runinfo rm_runinfo;

rm_runinfo *rm_runinfo_alloc(int argc, char *const *argv);
void rm_runinfo_free(rm_runinfo *ri);
/* Record an input file and its SHA-256. */
rm_status rm_runinfo_add_input(rm_runinfo *ri, const char *role, const char *path,
                               rm_error *err);
void rm_runinfo_param_str(rm_runinfo *ri, const char *key, const char *value);
void rm_runinfo_param_num(rm_runinfo *ri, const char *key, double value);
void rm_runinfo_timing(rm_runinfo *ri, const char *stage, double seconds);
/* Write DIR/run.json atomically. */
rm_status rm_runinfo_write(const rm_runinfo *ri, const char *dir, rm_error *err);

const char *rm_version(void);

#ifdef __cplusplus
}
#endif
#endif
