export * from './retention-policy.entity';
export * from './retention-policies.service';
export * from './retention-runner.service';
export * from './retention.module';
export * from './dto/retention-policy.dto';
