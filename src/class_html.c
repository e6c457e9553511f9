#include "swot/class.h"
void class_html(struct strbuf *sb, const struct class *c) { (void)c; strbuf_adds(sb, "<html></html>"); }
