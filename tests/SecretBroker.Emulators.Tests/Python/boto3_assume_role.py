"""boto3: the IRSA session (from the environment) chains into SB_ROLE with AssumeRole (session tags, a session
policy), then lists SB_BUCKET on S3 with the chained credentials. Prints JSON."""
import json
import os
import sys

try:
    import boto3
    from botocore.config import Config
except ImportError as e:  # fail loudly
    sys.exit(f"boto3 is required for this test: {e}")

sts = boto3.session.Session().client("sts")
chained = sts.assume_role(
    RoleArn=os.environ["SB_ROLE"], RoleSessionName="boto3-chain", DurationSeconds=900,
    Policy=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}),
    Tags=[{"Key": "namespace", "Value": "inference"}])
c = chained["Credentials"]
s3 = boto3.session.Session(aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"],
                           aws_session_token=c["SessionToken"]).client("s3", config=Config(s3={"addressing_style": "path"}))
listed = s3.list_objects_v2(Bucket=os.environ["SB_BUCKET"])
print(json.dumps({
    "arn": chained["AssumedRoleUser"]["Arn"],
    "accessKeyId": c["AccessKeyId"],
    "keys": [o["Key"] for o in listed.get("Contents", [])],
}))
