import { isEmrRuntimeImage, isTerminalSparkApplicationState } from './spark';

describe('isEmrRuntimeImage', () => {
  it.each([
    [
      '483788554619.dkr.ecr.eu-west-1.amazonaws.com/spark/emr-6.10.0:latest',
      true,
    ],
    [
      '755674844232.dkr.ecr.us-east-1.amazonaws.com/spark/emr-7.2.0:20240610',
      true,
    ],
    ['608033475327.dkr.ecr.us-west-1.amazonaws.com/spark/emr-6.10.0', true],
    ['apache/spark:3.5.1', false],
    ['123456789012.dkr.ecr.us-east-1.amazonaws.com/team/spark-emr:6.10', false],
    ['evil.example.com/spark/emr-6.10.0:latest', false],
    [
      '755674844232.dkr.ecr.us-east-1.amazonaws.com/spark/emr-6.10.0:latest extra',
      false,
    ],
    [undefined, false],
  ])('%s → %s', (image, expected) => {
    expect(isEmrRuntimeImage(image)).toBe(expected);
  });
});

it('knows which states are final', () => {
  expect(isTerminalSparkApplicationState('COMPLETED')).toBe(true);
  expect(isTerminalSparkApplicationState('SUBMISSION_FAILED')).toBe(true);
  expect(isTerminalSparkApplicationState('RUNNING')).toBe(false);
  expect(isTerminalSparkApplicationState('FAILING')).toBe(false);
});
