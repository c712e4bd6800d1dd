"""汇总: the 总结 of many units rolled up into one, every total computed in Python and traced."""
