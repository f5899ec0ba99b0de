import os
session_token = os.environ.get("AWS_SESSION_TOKEN")
aws_session_token = "short-token"
token = "nXJz6zs8FuRCA7maN/qtdIBjn1DKWO/tIqXfsINi0nerPyI44ycJ3qwgQWiZcgPQ1Os3GMtFIjP4kPFiA/dw+odlBlcMZnEfzf1XpRgqlO320v3D0nTfsLob"
