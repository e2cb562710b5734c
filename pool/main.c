/* pool - meta-analysis of study records (skeleton). */
#include <stdio.h>

int main(void)
{
    fprintf(stderr, "pool: not built yet\n");
    return 2;
}
