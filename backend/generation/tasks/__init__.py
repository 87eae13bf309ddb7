"""One module per generating task: mask the texts, fill the task's prompt file, check the budget, answer."""
