import { FolderKanbanIcon } from "lucide-react";
import { EmptyState } from "@/components/empty-state";

export default function ProjectNotFound() {
  return <EmptyState icon={FolderKanbanIcon} title="Project not found" description="It does not exist or belongs to another organisation." />;
}
