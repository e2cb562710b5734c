/* rd_xml.c - xml reader (not built yet: reports the file as unsupported). */
#include "read.h"

int rd_xml(doc_t *d, const unsigned char *buf, size_t len)
{
    (void)buf; (void)len;
    doc_diag(d, DOC_ERROR, 0, "xml input is not supported yet");
    return -1;
}
