import { PageSkeleton } from "@/components/page-skeleton";

// Loading boundaries sit beside list pages only, never above a [id] page: a boundary above it
// would start streaming before notFound() runs and turn another organisation's 404 into a 200.
export default PageSkeleton;
