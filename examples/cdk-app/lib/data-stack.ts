import { Stack, type StackProps } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { S3Client, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { Construct } from 'constructs';

export class DataStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    new s3.Bucket(this, 'Raw', { versioned: true });
  }
}

// "Quick test" helper that ended up in the stack file.
export async function listRaw(bucket: string) {
  const s3client = new S3Client({
    region: 'eu-west-1',
    credentials: {
      accessKeyId: 'AKIARZPUZDIKAUFAKE23',
      secretAccessKey: 'Fake7Demo+Secret/Only4Docs9xQ2wLp3ZkT8vN',
    },
  });
  return s3client.send(new ListObjectsV2Command({ Bucket: bucket }));
}
