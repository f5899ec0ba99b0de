import os
aws_secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
aws_secret_access_key = os.environ["AWS_SECRET_ACCESS_KEY"]
secret_key = "${AWS_SECRET}"
