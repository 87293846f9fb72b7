/* provenance.c — the report's "Provenance" section, read back from the
 * run.json that rm_runinfo_write left in the output folder: program and
 * version, start time, command line, input files with SHA-256, parameters
 * and stage timings.  Reading the file (not the in-memory record) shows the
 * reader exactly what was recorded.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "reemud/report.h"

enum { RUNJSON_MAX_BYTES = 16 << 20 };

/* The string member key of obj, or NULL when it is absent or not a string. */
static const char *string_of(const cJSON *obj, const char *key)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(item) ? item->valuestring : NULL;
}

/* A JSON scalar as text: strings as they are, numbers with %.6g. */
static void scalar_text(const cJSON *item, char *out, size_t size)
{
    if (cJSON_IsString(item))
        snprintf(out, size, "%s", item->valuestring);
    else if (cJSON_IsNumber(item))
        snprintf(out, size, "%.6g", item->valuedouble);
    else if (cJSON_IsBool(item))
        snprintf(out, size, "%s", cJSON_IsTrue(item) ? "true" : "false");
    else {
        char *printed = cJSON_PrintUnformatted(item);
        snprintf(out, size, "%s", printed ? printed : "");
        free(printed);
    }
}

/* Add an object's members as a two-column table. */
static rm_status object_table(rm_report *r, const cJSON *obj, const char *caption,
                              const char *key_head, const char *value_head, rm_error *err)
{
    size_t n = (size_t)cJSON_GetArraySize(obj);
    if (n == 0)
        return RM_OK;
    char **cells = calloc(2 * n, sizeof *cells);
    if (!cells)
        return rm_error_set(err, RM_ENOMEM, "report: out of memory");
    size_t i = 0;
    rm_status st = RM_OK;
    for (const cJSON *item = obj->child; item && i < n; item = item->next, i++) {
        char value[1024];
        scalar_text(item, value, sizeof value);
        cells[2 * i] = strdup(item->string ? item->string : "");
        cells[2 * i + 1] = strdup(value);
        if (!cells[2 * i] || !cells[2 * i + 1])
            st = rm_error_set(err, RM_ENOMEM, "report: out of memory");
    }
    const char *header[2] = {key_head, value_head};
    if (!st)
        st = rm_report_add_table(r, caption, 2, header, n, (const char *const *)cells, err);
    for (size_t k = 0; k < 2 * n; k++)
        free(cells[k]);
    free(cells);
    return st;
}

rm_status rm_report_add_provenance(rm_report *r, const char *run_json_path, rm_error *err)
{
    if (!r || !run_json_path)
        return rm_error_set(err, RM_EINVAL, "report: no report or no run.json path");
    char *text = NULL;
    rm_status st = rm_read_text(run_json_path, RUNJSON_MAX_BYTES, &text, NULL, err);
    if (st)
        return st;
    cJSON *root = cJSON_Parse(text);
    free(text);
    if (!cJSON_IsObject(root)) {
        cJSON_Delete(root);
        return rm_error_set(err, RM_EDATA, "%s: not a JSON object", run_json_path);
    }

    st = rm_report_add_section(r, "Provenance", err);
    if (!st)
        st = rm_report_add_paragraph(
            r, "What produced this report, read from run.json in the same folder: the "
               "program, the command, every input file with its SHA-256, the parameters "
               "and the time each stage took.", err);
    const char *program = string_of(root, "program"), *version = string_of(root, "version");
    if (!st)
        st = rm_report_add_kv(r, "Program", program ? program : "reemud", NULL, err);
    if (!st)
        st = rm_report_add_kv(r, "Version", version ? version : "unknown", NULL, err);
    const char *started = string_of(root, "started_utc");
    if (!st && started)
        st = rm_report_add_kv(r, "Started", started, "UTC", err);

    /* The command line, words joined by spaces, quoted when they hold one. */
    const cJSON *command = cJSON_GetObjectItemCaseSensitive(root, "command");
    if (!st && cJSON_IsArray(command)) {
        size_t cap = 256, len = 0;
        char *line = calloc(cap, 1);
        const cJSON *word;
        cJSON_ArrayForEach(word, command)
        {
            if (!line || !cJSON_IsString(word))
                continue;
            const char *w = word->valuestring;
            int quote = strchr(w, ' ') != NULL || *w == '\0';
            size_t need = len + strlen(w) + 4;
            if (need > cap) {
                char *grown = realloc(line, 2 * need);
                if (!grown) {
                    free(line);
                    line = NULL;
                    continue;
                }
                line = grown;
                cap = 2 * need;
            }
            len += (size_t)snprintf(line + len, cap - len, "%s%s%s%s", len ? " " : "",
                                    quote ? "'" : "", w, quote ? "'" : "");
        }
        st = line ? rm_report_add_kv(r, "Command", line, NULL, err)
                  : rm_error_set(err, RM_ENOMEM, "report: out of memory");
        free(line);
    }

    const cJSON *inputs = cJSON_GetObjectItemCaseSensitive(root, "inputs");
    size_t n_inputs = cJSON_IsArray(inputs) ? (size_t)cJSON_GetArraySize(inputs) : 0;
    if (!st && n_inputs > 0) {
        const char **cells = calloc(3 * n_inputs, sizeof *cells);
        if (!cells) {
            st = rm_error_set(err, RM_ENOMEM, "report: out of memory");
        } else {
            size_t i = 0;
            const cJSON *in;
            cJSON_ArrayForEach(in, inputs)
            {
                if (i >= n_inputs)
                    break;
                const char *role = string_of(in, "role"), *path = string_of(in, "path"),
                           *sha = string_of(in, "sha256");
                cells[3 * i] = role ? role : "";
                cells[3 * i + 1] = path ? path : "";
                cells[3 * i + 2] = sha ? sha : "";
                i++;
            }
            const char *header[3] = {"Role", "File", "SHA-256"};
            st = rm_report_add_table(r, "Input files", 3, header, i, cells, err);
            free(cells);
        }
    }
    const cJSON *params = cJSON_GetObjectItemCaseSensitive(root, "parameters");
    if (!st && cJSON_IsObject(params))
        st = object_table(r, params, "Parameters", "Parameter", "Value", err);
    const cJSON *timings = cJSON_GetObjectItemCaseSensitive(root, "timings_s");
    if (!st && cJSON_IsObject(timings))
        st = object_table(r, timings, "Timings", "Stage", "Wall time (s)", err);
    cJSON_Delete(root);
    return st;
}
