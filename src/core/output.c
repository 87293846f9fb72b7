/* output.c — atomic output files and output directories.
 *
 * Every output is written under a temporary name in its final directory and
 * renamed into place only when complete, so an interrupted or failed run
 * never leaves a truncated file under a final name (rename(2) is atomic
 * within one file system).
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "build_config.h"
#include "reemud/core.h"

rm_status rm_path_join(char *buf, size_t size, const char *dir, const char *name,
                       rm_error *err)
{
    int n;
    if (!dir || !dir[0] || name[0] == '/')
        n = snprintf(buf, size, "%s", name);
    else if (dir[strlen(dir) - 1] == '/')
        n = snprintf(buf, size, "%s%s", dir, name);
    else
        n = snprintf(buf, size, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= size)
        return rm_error_set(err, RM_EINVAL, "path too long: %s/%s", dir, name);
    return RM_OK;
}

/* Temporaries not yet renamed or removed, for the SIGINT/SIGTERM handler.
 * Process-wide by nature (a signal handler has no other way to find them):
 * slots are claimed under a spin lock; the handler reads only slots whose
 * used flag was set after the path was complete.  A run holds a handful of
 * temporaries at a time; when every slot is taken a temporary goes
 * unregistered (it is still renamed or removed normally). */
#define TEMP_SLOTS 256
static struct {
    volatile sig_atomic_t used;
    char path[4096];
} temp_slots[TEMP_SLOTS];
static atomic_flag temp_lock = ATOMIC_FLAG_INIT;

static void temp_register(const char *path)
{
    if (strlen(path) >= sizeof temp_slots[0].path)
        return;
    while (atomic_flag_test_and_set(&temp_lock))
        ;
    for (size_t i = 0; i < TEMP_SLOTS; i++)
        if (!temp_slots[i].used) {
            strcpy(temp_slots[i].path, path);
            atomic_signal_fence(memory_order_seq_cst);
            temp_slots[i].used = 1;
            break;
        }
    atomic_flag_clear(&temp_lock);
}

static void temp_forget(const char *path)
{
    while (atomic_flag_test_and_set(&temp_lock))
        ;
    for (size_t i = 0; i < TEMP_SLOTS; i++)
        if (temp_slots[i].used && !strcmp(temp_slots[i].path, path)) {
            temp_slots[i].used = 0;
            break;
        }
    atomic_flag_clear(&temp_lock);
}

/* SIGINT/SIGTERM: unlink the registered temporaries (and SQLite's journal
 * beside a GeoPackage being written), then die of the signal with the
 * default action, so the exit status says what happened.  Only
 * async-signal-safe calls (unlink, sigaction, raise; POSIX.1-2008 2.4.3). */
static void on_signal(int sig)
{
    for (size_t i = 0; i < TEMP_SLOTS; i++)
        if (temp_slots[i].used) {
            unlink(temp_slots[i].path);
            char journal[sizeof temp_slots[0].path + 16];
            size_t n = 0;
            while (temp_slots[i].path[n] && n < sizeof temp_slots[0].path)
                journal[n] = temp_slots[i].path[n], n++;
            static const char suffix[] = "-journal";
            for (size_t k = 0; k < sizeof suffix; k++)
                journal[n + k] = suffix[k];
            unlink(journal);
        }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
    raise(sig);
}

void rm_signals_install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGINT);
    sigaddset(&sa.sa_mask, SIGTERM);
    /* A signal the parent set to be ignored (SIGINT of a background job in
     * a shell without job control) stays ignored. */
    static const int sigs[2] = {SIGINT, SIGTERM};
    for (int i = 0; i < 2; i++) {
        struct sigaction old;
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        sigaction(sigs[i], &sa, NULL);
    }
}

rm_status rm_atomic_temp_name(const char *path, char *temp, size_t temp_size,
                              rm_error *err)
{
    /* A hidden name beside the destination; mkstemp makes it unique. */
    const char *slash = strrchr(path, '/');
    int dirlen = slash ? (int)(slash - path + 1) : 0;
    int n = snprintf(temp, temp_size, "%.*s.%s.tmp.XXXXXX", dirlen, path,
                     slash ? slash + 1 : path);
    if (n < 0 || (size_t)n >= temp_size)
        return rm_error_set(err, RM_EINVAL, "path too long: %s", path);
    int fd = mkstemp(temp);
    if (fd < 0)
        return rm_error_set(err, RM_EIO, "cannot create a file beside %s: %s", path,
                            strerror(errno));
    close(fd);
    temp_register(temp);
    return RM_OK;
}

rm_status rm_atomic_rename(const char *temp, const char *path, rm_error *err)
{
    if (rename(temp, path) != 0) {
        int e = errno;
        unlink(temp);
        temp_forget(temp);
        return rm_error_set(err, RM_EIO, "cannot rename %s to %s: %s", temp, path,
                            strerror(e));
    }
    temp_forget(temp);
    return RM_OK;
}

rm_status rm_afile_open(rm_afile *af, const char *path, rm_error *err)
{
    memset(af, 0, sizeof *af);
    if (strlen(path) >= sizeof af->final_path)
        return rm_error_set(err, RM_EINVAL, "path too long: %s", path);
    strcpy(af->final_path, path);
    rm_status st = rm_atomic_temp_name(path, af->temp_path, sizeof af->temp_path, err);
    if (st)
        return st;
    af->fp = fopen(af->temp_path, "w");
    if (!af->fp) {
        int e = errno;
        unlink(af->temp_path);
        temp_forget(af->temp_path);
        return rm_error_set(err, RM_EIO, "cannot write %s: %s", path, strerror(e));
    }
    return RM_OK;
}

rm_status rm_afile_commit(rm_afile *af, rm_error *err)
{
    if (!af->fp)
        return rm_error_set(err, RM_EINTERNAL, "%s: commit of a closed file",
                            af->final_path);
    int bad = ferror(af->fp) || fflush(af->fp) != 0 || fsync(fileno(af->fp)) != 0;
    int e = errno;
    bad |= fclose(af->fp) != 0;
    af->fp = NULL;
    if (bad) {
        unlink(af->temp_path);
        temp_forget(af->temp_path);
        return rm_error_set(err, RM_EIO, "cannot write %s: %s", af->final_path,
                            strerror(e));
    }
    /* Files made by mkstemp are 0600; outputs are ordinary files. */
    mode_t mask = umask(0);
    umask(mask);
    chmod(af->temp_path, 0666 & ~mask);
    return rm_atomic_rename(af->temp_path, af->final_path, err);
}

void rm_afile_abort(rm_afile *af)
{
    if (af->fp) {
        fclose(af->fp);
        af->fp = NULL;
    }
    if (af->temp_path[0]) {
        unlink(af->temp_path);
        temp_forget(af->temp_path);
    }
    af->temp_path[0] = '\0';
}

void rm_csv_num(FILE *fp, double x, int comma)
{
    if (comma)
        fputc(',', fp);
    if (isfinite(x))
        fprintf(fp, "%.10g", x);
}

/* mkdir -p */
static int make_dirs(const char *dir)
{
    char buf[4096];
    if (snprintf(buf, sizeof buf, "%s", dir) >= (int)sizeof buf)
        return -1;
    for (char *p = buf + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            if (mkdir(buf, 0777) != 0 && errno != EEXIST)
                return -1;
            *p = '/';
        }
    }
    if (mkdir(buf, 0777) != 0 && errno != EEXIST)
        return -1;
    return 0;
}

int rm_outdir_unfinished(const char *dir)
{
    char path[4096];
    if (rm_path_join(path, sizeof path, dir, RM_UNFINISHED, NULL))
        return 0;
    return access(path, F_OK) == 0;
}

rm_status rm_outdir_finished(const char *dir, rm_error *err)
{
    char path[4096];
    rm_status st = rm_path_join(path, sizeof path, dir, RM_UNFINISHED, err);
    if (st)
        return st;
    if (unlink(path) != 0 && errno != ENOENT)
        return rm_error_set(err, RM_EIO, "cannot remove %s: %s", path, strerror(errno));
    return RM_OK;
}

/* run.json is written last; until then the folder holds RM_UNFINISHED. */
static rm_status mark_unfinished(const char *dir, rm_error *err)
{
    char path[4096];
    rm_status st = rm_path_join(path, sizeof path, dir, "run.json", err);
    if (st)
        return st;
    if (unlink(path) != 0 && errno != ENOENT)
        return rm_error_set(err, RM_EIO, "cannot remove %s: %s", path, strerror(errno));
    if ((st = rm_path_join(path, sizeof path, dir, RM_UNFINISHED, err)))
        return st;
    int fd = open(path, O_WRONLY | O_CREAT, 0666);
    if (fd < 0)
        return rm_error_set(err, RM_EIO, "cannot create %s: %s", path, strerror(errno));
    close(fd);
    return RM_OK;
}

rm_status rm_outdir_prepare(const char *dir, int force, const char *const *outputs,
                            rm_error *err)
{
    int has_run = 0;
    for (size_t i = 0; outputs && outputs[i]; i++)
        has_run |= !strcmp(outputs[i], "run.json");
    struct stat sb;
    if (stat(dir, &sb) == 0) {
        if (!S_ISDIR(sb.st_mode))
            return rm_error_set(err, RM_EEXIST, "%s exists and is not a directory", dir);
        /* an unfinished run's files are overwritten */
        if (has_run && rm_outdir_unfinished(dir))
            force = 1;
        for (size_t i = 0; outputs && outputs[i] && !force; i++) {
            char path[4096];
            rm_status st = rm_path_join(path, sizeof path, dir, outputs[i], err);
            if (st)
                return st;
            if (access(path, F_OK) == 0)
                return rm_error_set(err, RM_EEXIST,
                                    "%s already exists; use --force to overwrite", path);
        }
        /* The set is unfinished from here until the new run.json. */
        return has_run ? mark_unfinished(dir, err) : RM_OK;
    }
    if (make_dirs(dir) != 0)
        return rm_error_set(err, RM_EIO, "cannot create directory %s: %s", dir,
                            strerror(errno));
    return has_run ? mark_unfinished(dir, err) : RM_OK;
}

const char *rm_datadir(void)
{
    const char *env = getenv("REEMUD_DATADIR");
    if (env && env[0])
        return env;
    if (access(REEMUD_SOURCE_DIR "/data/elements.csv", R_OK) == 0)
        return REEMUD_SOURCE_DIR;
    return REEMUD_INSTALL_DATADIR;
}

const char *rm_version(void)
{
    return REEMUD_VERSION;
}
