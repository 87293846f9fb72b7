/* runinfo.c — the run.json record every output folder carries: version,
 * command line, input files with SHA-256, parameters and stage timings.
 * Built as a cJSON tree and written atomically.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "reemud/core.h"

struct rm_runinfo {
    cJSON *root;
    cJSON *inputs;
    cJSON *params;
    cJSON *timings;
};

rm_runinfo *rm_runinfo_alloc(int argc, char *const *argv)
{
    rm_runinfo *ri = calloc(1, sizeof *ri);
    if (!ri)
        return NULL;
    ri->root = cJSON_CreateObject();
    cJSON_AddStringToObject(ri->root, "program", "reemud");
    cJSON_AddStringToObject(ri->root, "version", rm_version());
    cJSON *cmd = cJSON_AddArrayToObject(ri->root, "command");
    for (int i = 0; i < argc; i++)
        cJSON_AddItemToArray(cmd, cJSON_CreateString(argv[i]));
    char stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
    cJSON_AddStringToObject(ri->root, "started_utc", stamp);
    ri->inputs = cJSON_AddArrayToObject(ri->root, "inputs");
    ri->params = cJSON_AddObjectToObject(ri->root, "parameters");
    ri->timings = cJSON_AddObjectToObject(ri->root, "timings_s");
    return ri;
}

void rm_runinfo_free(rm_runinfo *ri)
{
    if (!ri)
        return;
    cJSON_Delete(ri->root);
    free(ri);
}

rm_status rm_runinfo_add_input(rm_runinfo *ri, const char *role, const char *path,
                               rm_error *err)
{
    char hex[65];
    /* A sheet or layer "FILE:NAME" (data.md): the hash is the file's. */
    char file[4096];
    const char *colon = strrchr(path, ':');
    const char *hashed = path;
    if (colon && access(path, F_OK) != 0 && (size_t)(colon - path) < sizeof file) {
        memcpy(file, path, (size_t)(colon - path));
        file[colon - path] = '\0';
        if (access(file, F_OK) == 0)
            hashed = file;
    }
    rm_status st = rm_sha256_file(hashed, hex, err);
    if (st)
        return st;
    cJSON *item = cJSON_CreateObject();
    cJSON_AddStringToObject(item, "role", role);
    cJSON_AddStringToObject(item, "path", path);
    cJSON_AddStringToObject(item, "sha256", hex);
    cJSON_AddItemToArray(ri->inputs, item);
    return RM_OK;
}

void rm_runinfo_param_str(rm_runinfo *ri, const char *key, const char *value)
{
    cJSON_DeleteItemFromObject(ri->params, key);
    cJSON_AddStringToObject(ri->params, key, value ? value : "");
}

void rm_runinfo_param_num(rm_runinfo *ri, const char *key, double value)
{
    cJSON_DeleteItemFromObject(ri->params, key);
    cJSON_AddNumberToObject(ri->params, key, value);
}

void rm_runinfo_timing(rm_runinfo *ri, const char *stage, double seconds)
{
    cJSON_DeleteItemFromObject(ri->timings, stage);
    cJSON_AddNumberToObject(ri->timings, stage, seconds);
}

rm_status rm_runinfo_write(const rm_runinfo *ri, const char *dir, rm_error *err)
{
    char path[4096];
    rm_status st = rm_path_join(path, sizeof path, dir, "run.json", err);
    if (st)
        return st;
    char *text = cJSON_Print(ri->root);
    if (!text)
        return rm_error_set(err, RM_ENOMEM, "out of memory writing %s", path);
    rm_afile af;
    st = rm_afile_open(&af, path, err);
    if (!st) {
        fputs(text, af.fp);
        fputc('\n', af.fp);
        st = rm_afile_commit(&af, err);
        if (st)
            rm_afile_abort(&af);
    }
    free(text);
    if (!st) /* the set is complete: no longer unfinished (rm_outdir_prepare) */
        st = rm_outdir_finished(dir, err);
    return st;
}
