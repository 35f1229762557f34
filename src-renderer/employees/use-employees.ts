import { useEffect } from 'react';
import type { Employee } from '../../src-shared/domain/organisation';
import { api } from '../api/client';
import { useData } from '../api/use-data';
import { toast } from '../components/toast-store';

/** Our staff, re-read whenever an employee changes or another workspace opens. */
export function useEmployees(includeInactive: boolean): Employee[] | null {
  const { data, error } = useData(() => api.employees.list({ includeInactive }), [includeInactive], ['employee']);
  useEffect(() => {
    if (error) toast.error(error);
  }, [error]);
  return data;
}
