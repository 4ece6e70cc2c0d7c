// Placeholder until this target's tests land; removed by the first real test file.
