import { PageSkeleton } from "@/components/page-skeleton";

// Beside the list only: a boundary above [id] would stream before notFound() runs.
export default PageSkeleton;
