"""What readers see of each chapter: one module per chapter (named as ``assess.chapters``), gluing
its findings for the prose and making its tables and charts. The words stay in the notebook."""
