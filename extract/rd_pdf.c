/* rd_pdf.c - pdf reader (not built yet: reports the file as unsupported). */
#include "read.h"

int rd_pdf(doc_t *d, const unsigned char *buf, size_t len)
{
    (void)buf; (void)len;
    doc_diag(d, DOC_ERROR, 0, "pdf input is not supported yet");
    return -1;
}
