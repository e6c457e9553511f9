#ifndef SWOT_VERSION_H
#define SWOT_VERSION_H
#define SWOT_VERSION "0.1.0"
#endif
