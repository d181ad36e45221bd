"""One run: fit with progress events and a cooperative stop, the child process and its client,
saving a run, fine-tuning on the person's samples.

May import every other folder of the core; nothing imports it but the app and the command line.
"""
