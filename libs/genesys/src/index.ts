export * from './genesys.module';
export * from './contact-centers.service';
export * from './contact-center.entity';
export * from './dto/contact-center.dto';
