"""Ideas for change and the action plan: from ideas to actions that stay alive between rounds."""
