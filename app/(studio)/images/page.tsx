import type { Metadata } from "next";
import { ImagesStudio } from "@/components/images/images-studio";
import { StorageHealth } from "@/components/storage/storage-health";

export const metadata: Metadata = { title: "Images" };

export default function ImagesPage() {
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-6xl space-y-4 p-4 sm:p-6">
        <h1 className="text-xl font-semibold">Images</h1>
        <ImagesStudio storage={<StorageHealth compact />} />
      </div>
    </div>
  );
}
