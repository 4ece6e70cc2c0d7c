print("slotscope-bench: not built yet")
