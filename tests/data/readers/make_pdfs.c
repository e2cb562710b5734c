#include <cairo.h>
#include <cairo-pdf.h>
#include <stdio.h>
/* tests/data/readers/{columns,notext}.pdf: a two-column page of text, and a page with no text */
int main(void)
{
    cairo_surface_t *s = cairo_pdf_surface_create("tests/data/readers/columns.pdf", 612, 792);
    cairo_t *cr = cairo_create(s);
    cairo_select_font_face(cr, "sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 9);
    char line[96];
    for (int i = 0; i < 20; i++) {
        snprintf(line, sizeof line, "Left column line %d says the mean was 61.5", i + 1);
        cairo_move_to(cr, 50, 100 + i * 12);
        cairo_show_text(cr, line);
        snprintf(line, sizeof line, "Right column line %d with p = 0.05 here", i + 1);
        cairo_move_to(cr, 330, 100 + i * 12);
        cairo_show_text(cr, line);
    }
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    s = cairo_pdf_surface_create("tests/data/readers/notext.pdf", 612, 792);
    cr = cairo_create(s);
    cairo_rectangle(cr, 100, 100, 200, 200);
    cairo_fill(cr);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    return 0;
}
