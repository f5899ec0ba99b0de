from aws_cdk import Stack, aws_lambda as lambda_
from constructs import Construct
import boto3


class IngestStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        lambda_.Function(
            self,
            "Ingest",
            runtime=lambda_.Runtime.PYTHON_3_12,
            handler="index.handler",
            code=lambda_.Code.from_asset("lambda"),
        )


def debug_session():
    # Copied from the console's "Command line or programmatic access" box.
    return boto3.Session(
        aws_access_key_id="ASIARZPUZDIKJUDEMO45",
        aws_secret_access_key="dEmO3fAkE/NotReal+k9Vx2Lq7Wm4Zp8Rt6Yc1Hb",
        region_name="eu-west-1",
    )
