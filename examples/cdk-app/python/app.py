#!/usr/bin/env python3
import os

import aws_cdk as cdk
import boto3

from stacks.ingest_stack import IngestStack

app = cdk.App()
IngestStack(app, "IngestStack", env=cdk.Environment(account=os.environ.get("CDK_DEFAULT_ACCOUNT"), region="eu-west-1"))

# Used by the seed script; "temporary".
s3 = boto3.client(
    "s3",
    aws_access_key_id="AKIARZPUZDIKAUFAKE23",
    aws_secret_access_key="Fake7Demo+Secret/Only4Docs9xQ2wLp3ZkT8vN",
)

app.synth()
