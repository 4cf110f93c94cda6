import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  currentPassword: string;

  @ApiProperty({ minLength: 10, description: '≥ 10 characters, ≤ 72 bytes, not the username, not a common password' })
  @IsString()
  @MaxLength(200)
  newPassword: string;
}
