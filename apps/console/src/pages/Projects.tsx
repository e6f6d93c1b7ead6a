import { api, ok } from '../api';
import { Bars } from '../components/Charts';
import { ErrorMessage, formatSeconds, Loading, Section } from '../components/Feedback';
import { useLoad } from '../components/hooks';
import { Link } from '../router';

interface Project {
  id: string;
  name: string;
  description?: string | null;
}

interface Stats {
  totalRecords: number;
  completedRecords: number;
  failedRecords: number;
  averageQualityScore: number | null;
  averageDuration: number | null;
  sentiment: Record<string, number>;
}

export function Projects() {
  const { value: projects, error } = useLoad(
    async () =>
      ok(await api.GET('/api/v1/projects', { params: { query: { pageSize: 100 } as never } }))
        .data as unknown as Project[],
    [],
  );
  return (
    <>
      <h1>Projects</h1>
      <ErrorMessage error={error} />
      {!projects && !error && <Loading what="projects" />}
      {projects?.map((project) => (
        <ProjectStats key={project.id} project={project} />
      ))}
    </>
  );
}

function ProjectStats({ project }: { project: Project }) {
  const { value: stats } = useLoad(
    async () =>
      ok(await api.GET('/api/v1/projects/{id}/stats', { params: { path: { id: project.id } } }))
        .data as unknown as Stats,
    [project.id],
  );
  return (
    <Section title={project.name} id={`project-${project.id}`}>
      {project.description && <p>{project.description}</p>}
      <p>
        <Link href={`/calls?projectId=${project.id}`}>Its calls</Link>
      </p>
      {stats ? (
        <>
          <Bars
            label={`Calls of ${project.name} by outcome`}
            values={{
              completed: stats.completedRecords,
              failed: stats.failedRecords,
              all: stats.totalRecords,
            }}
          />
          <Bars label={`Calls of ${project.name} by sentiment`} values={stats.sentiment ?? {}} />
          <p>
            Average score {stats.averageQualityScore ?? '–'} · average length{' '}
            {formatSeconds(stats.averageDuration)}
          </p>
        </>
      ) : (
        <Loading what="statistics" />
      )}
    </Section>
  );
}
