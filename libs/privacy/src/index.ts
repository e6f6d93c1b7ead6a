export * from './erasure-request.entity';
export * from './erasure.service';
export * from './privacy.module';
export * from './phone-numbers';
export { CreateErasureRequestDto } from './dto/create-erasure-request.dto';
