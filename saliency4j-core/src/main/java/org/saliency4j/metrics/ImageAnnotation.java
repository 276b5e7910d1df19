package org.saliency4j.metrics;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.lang.ref.SoftReference;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.saliency4j.IoErrors;
import org.saliency4j.SaliencyException;

/**
 * The annotation of one image: its objects, and optionally a label image whose pixels of
 * {@code maskValues} are the objects' exact extent. The label image is read once and kept while
 * memory allows (every localisation metric of every method asks for it).
 */
public final class ImageAnnotation {
    private final String file;
    private final int width;
    private final int height;
    private final List<AnnotatedObject> objects;
    private final Path mask;
    private final Set<Integer> maskValues;
    private SoftReference<Raster> labels = new SoftReference<>(null);

    /**
     * @param width  the stored file's width the boxes are given in (0: the image's own)
     * @param height the stored file's height (0: the image's own)
     */
    public ImageAnnotation(
            String file, int width, int height, List<AnnotatedObject> objects, Path mask, Set<Integer> maskValues) {
        this.file = file;
        this.width = width;
        this.height = height;
        this.objects = List.copyOf(objects);
        this.mask = mask;
        this.maskValues = Set.copyOf(maskValues);
    }

    public String file() {
        return file;
    }

    public List<AnnotatedObject> objects() {
        return objects;
    }

    /** The label image, or null when the annotation has none. */
    public Path mask() {
        return mask;
    }

    /** The objects the target class should point into. */
    public List<AnnotatedObject> objectsOf(int target) {
        return objects.stream().filter(o -> o.classes().contains(target)).toList();
    }

    /** Every class some object lists. */
    public Set<Integer> classes() {
        Set<Integer> all = new TreeSet<>();
        objects.forEach(o -> all.addAll(o.classes()));
        return all;
    }

    /** The names of the target's objects, joined, for the mean over classes ("class K" if unnamed). */
    public String group(int target) {
        Set<String> names = new TreeSet<>();
        objectsOf(target).forEach(o -> names.add(o.name()));
        names.remove("");
        return names.isEmpty() ? "class " + target : String.join("+", names);
    }

    /**
     * The target's objects as pixels of the image as read [h, w], row-major: the union of their
     * boxes, or with {@code useMask} and a mask given, the mask's object pixels. Boxes are scaled
     * when the image was read at another size than the annotation's (a subsampled large photo).
     */
    public boolean[] region(int target, int h, int w, boolean useMask) {
        boolean[] region = new boolean[h * w];
        List<AnnotatedObject> mine = objectsOf(target);
        if (mine.isEmpty()) {
            return region;
        }
        double sx = width > 0 ? (double) w / width : 1;
        double sy = height > 0 ? (double) h / height : 1;
        if (useMask && mask != null) {
            Raster labels = readMask();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int mx = Math.min(labels.getWidth() - 1, (int) (x * labels.getWidth() / (double) w));
                    int my = Math.min(labels.getHeight() - 1, (int) (y * labels.getHeight() / (double) h));
                    region[y * w + x] = maskValues.contains(labels.getSample(mx, my, 0));
                }
            }
            return region;
        }
        for (AnnotatedObject o : mine) {
            Box b = new Box(
                    o.box().x() * sx,
                    o.box().y() * sy,
                    o.box().width() * sx,
                    o.box().height() * sy);
            for (int y = Math.max(0, (int) b.y()); y < Math.min(h, (int) Math.ceil(b.y() + b.height()) + 1); y++) {
                for (int x = Math.max(0, (int) b.x()); x < Math.min(w, (int) Math.ceil(b.x() + b.width()) + 1); x++) {
                    region[y * w + x] |= b.contains(x + 0.5, y + 0.5);
                }
            }
        }
        return region;
    }

    private synchronized Raster readMask() {
        Raster kept = labels.get();
        if (kept != null) {
            return kept;
        }
        try {
            BufferedImage image = ImageIO.read(mask.toFile());
            if (image == null) {
                throw new SaliencyException(
                        SaliencyException.Kind.BAD_IMAGE, "mask " + mask + " of " + file + " is not a readable image.");
            }
            labels = new SoftReference<>(image.getRaster());
            return image.getRaster();
        } catch (IOException e) {
            throw new SaliencyException(
                    SaliencyException.Kind.IO, "cannot read mask " + mask + " of " + file + ": " + IoErrors.reason(e));
        }
    }
}
