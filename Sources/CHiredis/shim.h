#ifndef SLOTSCOPE_CHIREDIS_SHIM_H
#define SLOTSCOPE_CHIREDIS_SHIM_H
#include <hiredis/hiredis.h>
#include <hiredis/read.h>
#endif
