"""IRSA through boto3 (web identity provider -> STS emulator), then Secrets Manager calls. Prints JSON."""
import base64
import json
import os
import sys

try:
    import boto3
    from botocore.exceptions import ClientError
except ImportError as e:  # fail loudly: the cross-check needs a client nobody here wrote
    sys.exit(f"boto3 is required for this test: {e}")

names = json.loads(os.environ["SB_SECRETS"])
session = boto3.session.Session()
client = session.client("secretsmanager")
out = {"credentialMethod": session.get_credentials().method}

current = client.get_secret_value(SecretId=names["text"])
out["get"] = {k: current[k] for k in ("ARN", "Name", "VersionId", "SecretString", "VersionStages")}
out["get"]["CreatedDate"] = current["CreatedDate"].isoformat()
previous = client.get_secret_value(SecretId=names["text"], VersionStage="AWSPREVIOUS")
out["getPrevious"] = {"VersionId": previous["VersionId"], "SecretString": previous["SecretString"]}
binary = client.get_secret_value(SecretId=names["binary"])
out["binary"] = base64.b64encode(binary["SecretBinary"]).decode()

batch = client.batch_get_secret_value(SecretIdList=[names["text"], names["binary"], names["missing"]])
out["batch"] = {
    "values": [{"Name": v["Name"], "VersionId": v["VersionId"]} for v in batch["SecretValues"]],
    "errors": [{"SecretId": e["SecretId"], "ErrorCode": e["ErrorCode"]} for e in batch["Errors"]],
}

described = client.describe_secret(SecretId=names["text"])
out["describe"] = {
    "ARN": described["ARN"],
    "VersionIdsToStages": described["VersionIdsToStages"],
    "LastChangedDate": described["LastChangedDate"].isoformat(),
}

try:
    client.get_secret_value(SecretId=names["missing"])
    out["missingError"] = None
except ClientError as e:
    out["missingError"] = e.response["Error"]["Code"]

print(json.dumps(out))
