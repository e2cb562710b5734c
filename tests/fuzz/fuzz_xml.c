/* fuzz_xml.c - libFuzzer target for the xml reader (rd_xml): any bytes in, a doc out, no crash,
 * no leak, no undefined behaviour. Built by `make fuzz`; seeds in tests/fuzz/seeds/xml/. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* doc_read hands readers a NUL-terminated copy: do the same */
    unsigned char *buf = malloc(size + 1);
    doc_t *d = doc_new("fuzz.xml");
    if (buf && d) {
        if (size) memcpy(buf, data, size);
        buf[size] = '\0';
        rd_xml(d, buf, size);
    }
    doc_free(d);
    free(buf);
    return 0;
}
