print("slotscope: CLI not built yet")
