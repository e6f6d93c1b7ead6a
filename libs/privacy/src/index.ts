export * from './erasure-request.entity';
export * from './erasure.service';
export * from './privacy.module';

export { CreateErasureRequestDto } from './dto/create-erasure-request.dto';
