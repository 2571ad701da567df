// Request state kept where every request sees it (context-escape/no-shared-request-state).
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

let currentUser: string | undefined;
let coldStart = true;

export async function me(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  // BUG(no-shared-request-state): a later invocation without the header still sees this user.
  if (event.headers['x-user']) currentUser = event.headers['x-user'];
  // OK(no-shared-request-state): a flag, not request data.
  const cold = coldStart;
  coldStart = false;
  return { statusCode: 200, body: JSON.stringify({ currentUser, cold }) };
}
