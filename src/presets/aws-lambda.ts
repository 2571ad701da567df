import type { Preset } from './types.js';

/** AWS Lambda: the environment is frozen when the handler returns; pending work resumes in a later invocation. */
export const awsLambda: Preset = {
  name: 'aws-lambda',
  label: 'AWS Lambda',
  contexts: [
    {
      label: 'AWS Lambda Context',
      types: [{ from: 'package', package: 'aws-lambda', name: 'Context' }],
      lifetime: 'invocation',
      unsafe: 'all',
      pureMembers: [
        'awsRequestId',
        'functionName',
        'functionVersion',
        'invokedFunctionArn',
        'logGroupName',
        'logStreamName',
        'memoryLimitInMB',
      ],
      liveMembers: ['getRemainingTimeInMillis'],
    },
    {
      label: 'AWS Lambda event',
      types: [
        {
          from: 'package',
          package: 'aws-lambda',
          name: [
            'APIGatewayProxyEvent',
            'APIGatewayProxyEventV2',
            'APIGatewayProxyEventBase',
            'APIGatewayProxyEventV2WithRequestContext',
            'ALBEvent',
            'SQSEvent',
            'SNSEvent',
            'S3Event',
            'EventBridgeEvent',
            'DynamoDBStreamEvent',
            'KinesisStreamEvent',
            'LambdaFunctionURLEvent',
            'ScheduledEvent',
          ],
        },
      ],
      lifetime: 'invocation',
      unsafe: 'all',
      pureMembers: [
        'body',
        'headers',
        'path',
        'rawPath',
        'httpMethod',
        'pathParameters',
        'queryStringParameters',
        'requestContext',
        'Records',
      ],
    },
    {
      label: 'AWS Lambda callback',
      types: [{ from: 'package', package: 'aws-lambda', name: 'Callback' }],
      lifetime: 'invocation',
      unsafe: 'all',
      // Callback handlers end when the callback is called, and Lambda waits for the event loop by default;
      // an async handler ends when its promise settles, so a callback called later is ignored.
      responseWriters: ['()'],
      pendingResponse: 'unless-async',
    },
  ],
  sharedState: {
    requestStore: 'local variables passed down',
    // One invocation at a time per environment, but the environment is reused.
    dataConsequence: "the execution environment is reused, so a later invocation that does not set it reads this invocation's data",
    contextConsequence: "the execution environment is reused, so later invocations reach this invocation's event and context",
  },
};
