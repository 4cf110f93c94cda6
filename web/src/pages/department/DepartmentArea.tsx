import { RoleLayout } from '../../layouts/RoleLayout';
import { departmentRoutes } from './routes';

export default function DepartmentArea() {
  return <RoleLayout role="department" base="/dept" routes={departmentRoutes} />;
}
