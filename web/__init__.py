"""The portal (`legalcap web`): FastAPI pages in Chinese over the CLI's services; no rule of its own."""
