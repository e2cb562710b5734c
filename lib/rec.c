/* rec.c - study records: lifetime, JSON Lines (jansson) and CSV. */
#include "rec.h"
#include "num.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void rec_init(rec_t *r)
{
    memset(r, 0, sizeof *r);
    r->line = 0;
    r->offset = -1;
    r->level = NAN;
    r->n = -1;
    r->confidence = 1.0;
}

static void free_strv(char **v, int n)
{
    for (int i = 0; i < n; i++) free(v[i]);
    free(v);
}

void rec_destroy(rec_t *r)
{
    if (!r) return;
    free(r->study); free(r->file); free(r->text); free(r->kind); free(r->measure);
    free(r->op); free(r->variable); free(r->unit); free(r->group); free(r->timepoint);
    free(r->table);
    free_strv(r->flags, r->nflags);
    free_strv(r->notes, r->nnotes);
    rec_init(r);
}

int rec_set(char **dst, const char *s)
{
    char *c = NULL;
    if (s && !(c = strdup(s))) return -1;
    free(*dst);
    *dst = c;
    return 0;
}

static int strv_add(char ***v, int *n, const char *s)
{
    char **nv = realloc(*v, (size_t)(*n + 1) * sizeof *nv);
    if (!nv) return -1;
    *v = nv;
    if (!(nv[*n] = strdup(s))) return -1;
    (*n)++;
    return 0;
}

int rec_has_flag(const rec_t *r, const char *flag)
{
    for (int i = 0; i < r->nflags; i++)
        if (strcmp(r->flags[i], flag) == 0) return 1;
    return 0;
}

int rec_add_flag(rec_t *r, const char *flag)
{
    return rec_has_flag(r, flag) ? 0 : strv_add(&r->flags, &r->nflags, flag);
}

int rec_add_note(rec_t *r, const char *note)
{
    return strv_add(&r->notes, &r->nnotes, note);
}

const char *rec_note_of(const char *note, const char *flag)
{
    if (strncmp(flag, "check:", 6) != 0) return NULL;
    size_t l = strlen(flag + 6);
    if (strncmp(note, flag + 6, l) != 0 || note[l] != ':') return NULL;
    note += l + 1;
    while (*note == ' ') note++;
    return note;
}

int rec_copy(rec_t *dst, const rec_t *src)
{
    *dst = *src;
    dst->study = dst->file = dst->text = dst->kind = dst->measure = dst->op = NULL;
    dst->variable = dst->unit = dst->group = dst->timepoint = dst->table = NULL;
    dst->flags = dst->notes = NULL;
    dst->nflags = dst->nnotes = 0;
    if (rec_set(&dst->study, src->study) || rec_set(&dst->file, src->file) ||
        rec_set(&dst->text, src->text) || rec_set(&dst->kind, src->kind) ||
        rec_set(&dst->measure, src->measure) || rec_set(&dst->op, src->op) ||
        rec_set(&dst->variable, src->variable) || rec_set(&dst->unit, src->unit) ||
        rec_set(&dst->group, src->group) || rec_set(&dst->timepoint, src->timepoint) ||
        rec_set(&dst->table, src->table))
        goto fail;
    for (int i = 0; i < src->nflags; i++)
        if (strv_add(&dst->flags, &dst->nflags, src->flags[i])) goto fail;
    for (int i = 0; i < src->nnotes; i++)
        if (strv_add(&dst->notes, &dst->nnotes, src->notes[i])) goto fail;
    return 0;
fail:
    rec_destroy(dst);
    return -1;
}

/* ---- JSON out: jansson escapes the strings, num_fmt prints the numbers ---- */

int rec_json_str(FILE *fp, const char *s)
{
    if (!s) return fputs("null", fp) < 0 ? -1 : 0;
    /* printable ASCII without '"' or '\\': jansson would write it as it is */
    const unsigned char *u = (const unsigned char *)s;
    while (*u >= 0x20 && *u < 0x7F && *u != '"' && *u != '\\') u++;
    if (!*u)
        return putc('"', fp) == EOF || fwrite(s, 1, (size_t)(u - (const unsigned char *)s), fp) !=
               (size_t)(u - (const unsigned char *)s) || putc('"', fp) == EOF ? -1 : 0;
    json_t *j = json_string(s);
    if (!j) j = json_stringn_nocheck(s, strlen(s));   /* invalid UTF-8 must not happen; be safe */
    if (!j) return -1;
    int rc = json_dumpf(j, fp, JSON_ENCODE_ANY) ? -1 : 0;
    json_decref(j);
    return rc;
}

static int put_key(FILE *fp, const char *k, int first)
{
    return fputs(first ? "{\"" : ",\"", fp) < 0 || fputs(k, fp) < 0 || fputs("\":", fp) < 0 ? -1 : 0;
}

static int put_strv(FILE *fp, char **v, int n)
{
    if (fputc('[', fp) == EOF) return -1;
    for (int i = 0; i < n; i++) {
        if (i && fputc(',', fp) == EOF) return -1;
        if (rec_json_str(fp, v[i])) return -1;
    }
    return fputc(']', fp) == EOF ? -1 : 0;
}

static int has_ci(const rec_t *r)
{
    return r->kind && (!strcmp(r->kind, "estimate_ci") || !strcmp(r->kind, "mean_ci"));
}

int rec_write_json(FILE *fp, const rec_t *r)
{
    int e = 0;
    e |= put_key(fp, "study", 1) | rec_json_str(fp, r->study);
    e |= put_key(fp, "file", 0) | rec_json_str(fp, r->file);
    e |= put_key(fp, "line", 0) | (fprintf(fp, "%ld", r->line) < 0);
    e |= put_key(fp, "offset", 0);
    e |= r->offset >= 0 ? (fprintf(fp, "%ld", r->offset) < 0) : (fputs("null", fp) < 0);
    if (r->page > 0) e |= put_key(fp, "page", 0) | (fprintf(fp, "%d", r->page) < 0);
    e |= put_key(fp, "text", 0) | rec_json_str(fp, r->text);
    e |= put_key(fp, "kind", 0) | rec_json_str(fp, r->kind);
    e |= put_key(fp, "values", 0) | (fputc('[', fp) == EOF);
    for (int i = 0; i < r->nvalues; i++) {
        if (i) e |= fputc(',', fp) == EOF;
        e |= num_write(fp, r->values[i]);
    }
    e |= fputc(']', fp) == EOF;
    if (has_ci(r) || r->measure) e |= put_key(fp, "measure", 0) | rec_json_str(fp, r->measure);
    if (has_ci(r) || !isnan(r->level)) e |= put_key(fp, "level", 0) | num_write(fp, r->level);
    if ((r->kind && !strcmp(r->kind, "p_value")) || r->op) e |= put_key(fp, "op", 0) | rec_json_str(fp, r->op);
    e |= put_key(fp, "variable", 0) | rec_json_str(fp, r->variable);
    e |= put_key(fp, "unit", 0) | rec_json_str(fp, r->unit);
    e |= put_key(fp, "group", 0) | rec_json_str(fp, r->group);
    e |= put_key(fp, "n", 0);
    e |= r->n >= 0 ? (fprintf(fp, "%ld", r->n) < 0) : (fputs("null", fp) < 0);
    e |= put_key(fp, "timepoint", 0) | rec_json_str(fp, r->timepoint);
    e |= put_key(fp, "table", 0) | rec_json_str(fp, r->table);
    e |= put_key(fp, "confidence", 0) | num_write(fp, r->confidence);
    e |= put_key(fp, "flags", 0) | put_strv(fp, r->flags, r->nflags);
    e |= put_key(fp, "notes", 0) | put_strv(fp, r->notes, r->nnotes);
    e |= fputs("}\n", fp) < 0;
    return e ? -1 : 0;
}

/* ---- CSV out (RFC 4180) ---- */

int rec_csv_field(FILE *fp, const char *s)
{
    if (!s) return 0;
    if (!strpbrk(s, ",\"\r\n")) return fputs(s, fp) < 0 ? -1 : 0;
    if (fputc('"', fp) == EOF) return -1;
    for (; *s; s++) {
        if (*s == '"' && fputc('"', fp) == EOF) return -1;
        if (fputc(*s, fp) == EOF) return -1;
    }
    return fputc('"', fp) == EOF ? -1 : 0;
}

static int csv_join(FILE *fp, char **v, int n)
{
    size_t len = 1;
    for (int i = 0; i < n; i++) len += strlen(v[i]) + 1;
    char *b = malloc(len), *p = b;
    if (!b) return -1;
    *p = '\0';
    for (int i = 0; i < n; i++) {
        if (i) *p++ = ';';
        size_t l = strlen(v[i]);
        memcpy(p, v[i], l + 1);
        p += l;
    }
    int rc = rec_csv_field(fp, b);
    free(b);
    return rc;
}

static const char *CSV_COLS[] = {
    "study", "file", "line", "offset", "page", "text", "kind", "v1", "v2", "v3", "measure",
    "level", "op", "variable", "unit", "group", "n", "timepoint", "table", "confidence",
    "flags", "notes"
};

int rec_write_csv_header(FILE *fp)
{
    size_t k = sizeof CSV_COLS / sizeof *CSV_COLS;
    for (size_t i = 0; i < k; i++)
        if (fprintf(fp, "%s%s", i ? "," : "", CSV_COLS[i]) < 0) return -1;
    return fputs("\r\n", fp) < 0 ? -1 : 0;
}

int rec_write_csv(FILE *fp, const rec_t *r)
{
    char b[NUM_BUFSZ];
    int e = 0;
    e |= rec_csv_field(fp, r->study) | (fputc(',', fp) == EOF);
    e |= rec_csv_field(fp, r->file) | (fputc(',', fp) == EOF);
    e |= fprintf(fp, "%ld,", r->line) < 0;
    if (r->offset >= 0) e |= fprintf(fp, "%ld", r->offset) < 0;
    e |= fputc(',', fp) == EOF;
    if (r->page > 0) e |= fprintf(fp, "%d", r->page) < 0;
    e |= fputc(',', fp) == EOF;
    e |= rec_csv_field(fp, r->text) | (fputc(',', fp) == EOF);
    e |= rec_csv_field(fp, r->kind) | (fputc(',', fp) == EOF);
    for (int i = 0; i < 3; i++) {
        if (i < r->nvalues) e |= fputs(num_fmt(b, r->values[i]), fp) < 0;
        e |= fputc(',', fp) == EOF;
    }
    e |= rec_csv_field(fp, r->measure) | (fputc(',', fp) == EOF);
    if (!isnan(r->level)) e |= fputs(num_fmt(b, r->level), fp) < 0;
    e |= fputc(',', fp) == EOF;
    e |= rec_csv_field(fp, r->op) | (fputc(',', fp) == EOF);
    e |= rec_csv_field(fp, r->variable) | (fputc(',', fp) == EOF);
    e |= rec_csv_field(fp, r->unit) | (fputc(',', fp) == EOF);
    e |= rec_csv_field(fp, r->group) | (fputc(',', fp) == EOF);
    if (r->n >= 0) e |= fprintf(fp, "%ld", r->n) < 0;
    e |= fputc(',', fp) == EOF;
    e |= rec_csv_field(fp, r->timepoint) | (fputc(',', fp) == EOF);
    e |= rec_csv_field(fp, r->table) | (fputc(',', fp) == EOF);
    e |= fputs(num_fmt(b, r->confidence), fp) < 0;
    e |= fputc(',', fp) == EOF;
    e |= csv_join(fp, r->flags, r->nflags) | (fputc(',', fp) == EOF);
    e |= csv_join(fp, r->notes, r->nnotes);
    e |= fputs("\r\n", fp) < 0;
    return e ? -1 : 0;
}

/* ---- JSON in ---- */

static int get_str(json_t *o, const char *k, char **dst)
{
    json_t *v = json_object_get(o, k);
    if (!v || json_is_null(v)) return 0;
    if (!json_is_string(v)) return -1;
    return rec_set(dst, json_string_value(v));
}

static int get_strv(json_t *o, const char *k, char ***v, int *n)
{
    json_t *a = json_object_get(o, k), *x;
    size_t i;
    if (!a || json_is_null(a)) return 0;
    if (!json_is_array(a)) return -1;
    json_array_foreach(a, i, x) {
        if (!json_is_string(x) || strv_add(v, n, json_string_value(x))) return -1;
    }
    return 0;
}

int rec_parse_json(const char *line, rec_t *r, char *err, size_t errlen)
{
    json_error_t je;
    json_t *o = json_loads(line, 0, &je), *v, *x;
    const char *bad = NULL;
    size_t i;
    rec_init(r);
    if (!o || !json_is_object(o)) {
        snprintf(err, errlen, "not a JSON object: %s", o ? "other value" : je.text);
        json_decref(o);
        return -1;
    }
    if (get_str(o, "study", &r->study)) bad = "study";
    else if (get_str(o, "file", &r->file)) bad = "file";
    else if (get_str(o, "text", &r->text)) bad = "text";
    else if (get_str(o, "kind", &r->kind)) bad = "kind";
    else if (get_str(o, "measure", &r->measure)) bad = "measure";
    else if (get_str(o, "op", &r->op)) bad = "op";
    else if (get_str(o, "variable", &r->variable)) bad = "variable";
    else if (get_str(o, "unit", &r->unit)) bad = "unit";
    else if (get_str(o, "group", &r->group)) bad = "group";
    else if (get_str(o, "timepoint", &r->timepoint)) bad = "timepoint";
    else if (get_str(o, "table", &r->table)) bad = "table";
    else if (get_strv(o, "flags", &r->flags, &r->nflags)) bad = "flags";
    else if (get_strv(o, "notes", &r->notes, &r->nnotes)) bad = "notes";
    if (!bad && (v = json_object_get(o, "line")) && !json_is_null(v)) {
        if (json_is_integer(v)) r->line = (long)json_integer_value(v); else bad = "line";
    }
    if (!bad && (v = json_object_get(o, "offset")) && !json_is_null(v)) {
        if (json_is_integer(v)) r->offset = (long)json_integer_value(v); else bad = "offset";
    }
    if (!bad && (v = json_object_get(o, "page")) && !json_is_null(v)) {
        if (json_is_integer(v)) r->page = (int)json_integer_value(v); else bad = "page";
    }
    if (!bad && (v = json_object_get(o, "n")) && !json_is_null(v)) {
        if (json_is_number(v)) r->n = (long)json_number_value(v); else bad = "n";
    }
    if (!bad && (v = json_object_get(o, "level")) && !json_is_null(v)) {
        if (json_is_number(v)) r->level = json_number_value(v); else bad = "level";
    }
    if (!bad && (v = json_object_get(o, "confidence")) && !json_is_null(v)) {
        if (json_is_number(v)) r->confidence = json_number_value(v); else bad = "confidence";
    }
    if (!bad && (v = json_object_get(o, "values"))) {
        if (!json_is_array(v) || json_array_size(v) > REC_MAXV) bad = "values";
        else json_array_foreach(v, i, x) {
            if (json_is_number(x)) r->values[r->nvalues++] = json_number_value(x);
            else if (json_is_null(x)) r->values[r->nvalues++] = NAN;
            else { bad = "values"; break; }
        }
    }
    json_decref(o);
    if (bad) {
        snprintf(err, errlen, "field \"%s\" has the wrong type", bad);
        rec_destroy(r);
        return -1;
    }
    return 0;
}

/* ---- lists ---- */

void rec_list_init(rec_list_t *l) { l->v = NULL; l->n = l->cap = 0; }

void rec_list_destroy(rec_list_t *l)
{
    if (!l) return;
    for (size_t i = 0; i < l->n; i++) rec_destroy(&l->v[i]);
    free(l->v);
    rec_list_init(l);
}

rec_t *rec_list_push(rec_list_t *l)
{
    if (l->n == l->cap) {
        size_t nc = l->cap ? l->cap * 2 : 64;
        rec_t *nv = realloc(l->v, nc * sizeof *nv);
        if (!nv) return NULL;
        l->v = nv;
        l->cap = nc;
    }
    rec_t *r = &l->v[l->n++];
    rec_init(r);
    return r;
}

int rec_list_read_jsonl(rec_list_t *l, const char *path, char *err, size_t errlen)
{
    FILE *fp = fopen(path, "rb");
    char *line = NULL, why[200];
    size_t cap = 0;
    long lineno = 0;
    ssize_t len;
    int rc = 0;
    if (!fp) { snprintf(err, errlen, "%s: cannot open", path); return -1; }
    while ((len = getline(&line, &cap, fp)) >= 0) {
        lineno++;
        while (len > 0 && (line[len-1] == '\n' || line[len-1] == '\r')) line[--len] = '\0';
        if (len == 0) continue;
        rec_t *r = rec_list_push(l);
        if (!r) { snprintf(err, errlen, "%s:%ld: out of memory", path, lineno); rc = -1; break; }
        if (rec_parse_json(line, r, why, sizeof why)) {
            l->n--;
            snprintf(err, errlen, "%s:%ld: %s", path, lineno, why);
            rc = -1;
            break;
        }
    }
    if (!rc && ferror(fp)) { snprintf(err, errlen, "%s: read error", path); rc = -1; }
    free(line);
    fclose(fp);
    return rc;
}
