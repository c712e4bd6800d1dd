"""The Gradio workbench."""
